package io.stockradar.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for the gateway: the only door the end-to-end tests use. */
final class Gateway {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http = HTTP;
    private final String baseUrl;
    private final String clientAddress;

    Gateway(String baseUrl) {
        this(baseUrl, null);
    }

    private Gateway(String baseUrl, String clientAddress) {
        this.baseUrl = baseUrl;
        this.clientAddress = clientAddress;
    }

    /**
     * The same gateway, reached by a client at {@code address} behind a trusted proxy (the tests run on
     * loopback, which the gateway trusts): the gateway's per-address rate limits and auth-service's
     * per-address login throttle see that address, as they would see thousands of real users.
     */
    Gateway asClientAt(String address) {
        return new Gateway(baseUrl, address);
    }

    /** A distinct public address per simulated client (198.18.0.0/15, reserved for benchmarks, RFC 2544). */
    static String clientAddress(int client) {
        return "198.18." + (client / 250) + "." + (client % 250 + 1);
    }

    Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Response post(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Response getWithApiKey(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", apiKey).GET().build());
    }

    Response postWithApiKey(String path, String apiKey, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Response delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (clientAddress != null) {
            builder.header("X-Forwarded-For", clientAddress);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Served-By").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String body, String contentType, String servedBy) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
