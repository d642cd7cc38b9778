package io.stockradar.gateway.support;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * auth-service's side of API keys, played on the auth-service test instance: {@code POST /oauth2/token}
 * (client credentials, HTTP Basic, checks the gateway's id and secret and the requested scope) and
 * {@code POST /internal/api-keys/exchange} (checks the service token it issued, answers with a user token
 * signed by the test key, or the 401 problem auth-service gives for an unknown key).
 */
public final class FakeAuthService {

    public static final String CLIENT_ID = "gateway";
    public static final String CLIENT_SECRET = "test-only-gateway-secret+/%=";

    public enum Mode { OK, BROKEN_CONNECTION, SERVER_ERROR }

    /** A key this fake knows: its owner and scope. */
    public record Key(String value, String userId, String scope) {

        /** The key's id: its tokens' {@code api_key_id} and {@code sid}. */
        public String id() {
            return UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestTokens tokens;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Set<String> issuedServiceTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger exchanges = new AtomicInteger();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final AtomicReference<Duration> exchangedTokenLifetime = new AtomicReference<>(Duration.ofMinutes(5));

    public FakeAuthService(Backend instance, TestTokens tokens) {
        this.tokens = tokens;
        instance.route("/oauth2/token", this::token);
        instance.route("/internal/api-keys/exchange", this::exchange);
    }

    /** A new key of a new user. */
    public Key newKey(String scope) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Key key = new Key("sr_testtest_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                UUID.randomUUID().toString(), scope);
        keys.put(key.value(), key);
        return key;
    }

    public void revoke(Key key) {
        keys.remove(key.value());
    }

    public void mode(Mode mode) {
        this.mode.set(mode);
    }

    /** Lifetime of the tokens {@code /internal/api-keys/exchange} issues from now on. */
    public void exchangedTokenLifetime(Duration lifetime) {
        exchangedTokenLifetime.set(lifetime);
    }

    /** Makes every service token issued so far invalid (as a signing-key change would). */
    public void forgetServiceTokens() {
        issuedServiceTokens.clear();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public int exchanges() {
        return exchanges.get();
    }

    public void reset() {
        mode.set(Mode.OK);
        exchangedTokenLifetime.set(Duration.ofMinutes(5));
    }

    private MockResponse token(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        MockResponse failure = failure();
        if (failure != null) {
            return failure;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + java.net.URLEncoder.encode(
                CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.getHeaders().get("Authorization"))) {
            return json(401, Map.of("error", "invalid_client", "error_description", "Client authentication failed"));
        }
        Map<String, String> form = form(request.getBody() == null ? "" : request.getBody().utf8());
        if (!"client_credentials".equals(form.get("grant_type")) || !"apikey:exchange".equals(form.get("scope"))) {
            return json(400, Map.of("error", "invalid_request", "error_description", "unexpected " + form));
        }
        String serviceToken = "service-token-" + UUID.randomUUID();
        issuedServiceTokens.add(serviceToken);
        return json(200, Map.of("access_token", serviceToken, "token_type", "Bearer", "expires_in", 300,
                "scope", "apikey:exchange"));
    }

    private MockResponse exchange(RecordedRequest request) {
        exchanges.incrementAndGet();
        MockResponse failure = failure();
        if (failure != null) {
            return failure;
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !issuedServiceTokens.contains(authorization.substring(7))) {
            return problem(401, "UNAUTHORIZED", "A valid access token is required");
        }
        JsonNode body = JSON.readTree(request.getBody().utf8());
        Key key = keys.get(body.path("key").asString(""));
        if (key == null) {
            return problem(401, "INVALID_API_KEY", "The API key is invalid or has been revoked");
        }
        Duration lifetime = exchangedTokenLifetime.get();
        Instant now = Instant.now();
        String accessToken = tokens.signed(tokens.claims()
                .subject(key.userId())
                .claim("scope", key.scope())
                .claim("auth_method", "api_key")
                .claim("api_key_id", key.id())
                .claim("sid", key.id())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build());
        return json(200, Map.of("accessToken", accessToken, "tokenType", "Bearer", "expiresIn", lifetime.toSeconds(),
                "scope", key.scope()));
    }

    private MockResponse failure() {
        return switch (mode.get()) {
            case OK -> null;
            case BROKEN_CONNECTION -> new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build();
            case SERVER_ERROR -> problem(500, "INTERNAL", "Unexpected error");
        };
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static MockResponse json(int code, Map<String, Object> body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body)).build();
    }

    private static MockResponse problem(int code, String problemCode, String detail) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/problem+json")
                .body(JSON.writeValueAsString(Map.of("type", "https://stockradar.io/problems/x", "title", "x",
                        "status", code, "detail", detail, "code", problemCode)))
                .build();
    }
}
