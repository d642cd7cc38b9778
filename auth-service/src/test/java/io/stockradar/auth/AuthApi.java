package io.stockradar.auth;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the tests: real requests, raw bodies, JSON on demand. */
public final class AuthApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String clientIp;

    /** A client with an address of its own (login throttling counts per IP; see {@link #clientIp()}). */
    AuthApi(int port) {
        this(port, randomClientIp());
    }

    /**
     * A client at {@code clientIp}: sent as {@code X-Forwarded-For}, which the service trusts from a proxy
     * on a private network, as the tests' loopback connection is.
     */
    public AuthApi(int port, String clientIp) {
        this.base = "http://localhost:" + port;
        this.clientIp = clientIp;
    }

    public static String randomClientIp() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "2001:db8::%x:%x:%x".formatted(random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000));
    }

    public String clientIp() {
        return clientIp;
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response get(String path, String bearerToken) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + bearerToken).GET());
    }

    public Response postJson(String path, Object body) {
        return postRaw(path, JSON.writeValueAsString(body));
    }

    public Response postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON request with any method, optionally with a bearer token. */
    public Response json(String method, String path, String bearerToken, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return send(request);
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30))
                            .header("X-Forwarded-For", clientIp).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response signup(String username, String email, String password) {
        return postJson("/api/auth/signup", Map.of("username", username, "email", email, "password", password));
    }

    public Response login(String username, String password) {
        return postJson("/api/auth/login", Map.of("username", username, "password", password));
    }

    public Response refresh(String refreshToken) {
        return postJson("/api/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    public Response logout(String refreshToken) {
        return postJson("/api/auth/logout", Map.of("refreshToken", refreshToken));
    }
}
