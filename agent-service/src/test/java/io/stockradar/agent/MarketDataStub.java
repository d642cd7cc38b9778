package io.stockradar.agent;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * market-data-service's internal API, replayed from REAL recorded KRX data in
 * {@code src/test/resources/market-data/} (see {@code generate.py} there): 20 KOSPI 200 and 10 KOSDAQ 150
 * members with their daily bars up to the KR demo "today" 2025-06-16, plus {@code ^KS11} and {@code ^KQ11};
 * 15 S&amp;P 500 members up to the US demo "today" 2026-02-25, plus {@code ^GSPC} and {@code ^VIX}.
 * Bars are trimmed to the requested trailing {@code days}, unknown symbols are listed in {@code missing},
 * exactly like the real service. Fundamentals are market-data-service's own answers to
 * {@code POST /internal/fundamentals} for these stocks at the demo "todays", recorded from its bundled
 * point-in-time dataset ({@code fundamentals-KR.json}, {@code fundamentals-US.json}); symbols without a recorded
 * item are reported missing (the fundamental agent must then abstain, not guess). The {@code asOf} of every
 * fundamentals call is kept ({@link #fundamentalsAsOf()}). It also serves a JWKS for tests.
 *
 * <p>Like the real service (issue 3), {@code /internal/**} answers only calls carrying a service token:
 * the stub also plays auth-service's {@code POST /oauth2/token} (HTTP Basic {@value #CLIENT_ID}:{@value
 * #CLIENT_SECRET}, {@code grant_type=client_credentials}, {@code scope=market:read}) and refuses with 401 any
 * internal call whose bearer token it did not issue, has expired or was revoked ({@link #revokeTokens()}), so
 * a test fails if the client stops sending it.
 */
public final class MarketDataStub implements AutoCloseable {

    /** The client credentials the stub's token endpoint accepts (agent-service's registration). */
    public static final String CLIENT_ID = "agent-service";
    public static final String CLIENT_SECRET = "stub-agent-secret";
    public static final String TOKEN_PATH = "/oauth2/token";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final JsonNode bars = merge(read("bars-KR.json"), read("bars-US.json"));
    private final Map<String, JsonNode> fundamentals = items(read("fundamentals-KR.json"), read("fundamentals-US.json"));
    private final List<String> fundamentalsAsOf = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> withoutBars = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> universes = Map.of(
            "KOSPI200", JSON.writeValueAsString(read("universe-KOSPI200.json")),
            "KOSDAQ150", JSON.writeValueAsString(read("universe-KOSDAQ150.json")),
            "SP500", JSON.writeValueAsString(read("universe-SP500.json")));
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile long delayMillis;
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();
    private volatile long slowMillis = 3000;
    /** token value -> expiry (epoch millis) of every service token issued and not revoked */
    private final Map<String, Long> issuedTokens = new ConcurrentHashMap<>();
    private final List<String> bearersSeen = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssuedCount = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofMinutes(5);

    public MarketDataStub() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + server.getPort();
    }

    public void jwks(String jwks) {
        this.jwks = jwks;
    }

    /** The next {@code count} internal API calls answer 503. */
    /** Serves no bars for these symbols from now on (universe members market-data has no data for). */
    public void withoutBars(String... symbols) {
        withoutBars.addAll(List.of(symbols));
    }

    public void failNext(int count) {
        failuresToServe.set(count);
    }

    /** How one scripted call of {@link #fault} goes wrong. */
    public enum Fault {
        /** the normal answer, after {@link #slowBy} (longer than the client's read timeout) */
        SLOW,
        /** 503 */
        UNAVAILABLE,
        /** the request is read, then the connection is closed without an answer */
        RESET,
        /** 400 */
        BAD_REQUEST
    }

    /** The next calls of {@code path} (after the token check) go wrong like this, in order; then it answers normally. */
    public void fault(String path, Fault... next) {
        faults.put(path, new ConcurrentLinkedQueue<>(List.of(next)));
    }

    /** How late a {@link Fault#SLOW} answer comes. */
    public void slowBy(Duration delay) {
        this.slowMillis = delay.toMillis();
    }

    /** Forgets every scripted fault and failure, and the delay. */
    public void healthy() {
        faults.clear();
        failuresToServe.set(0);
        delayMillis = 0;
    }

    /** Every internal API answer is delayed this long (0 = none), to observe runs while they load data. */
    public void delay(Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    /** The {@code expires_in} of tokens issued from now on (the real auth-service: 5 minutes). */
    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    /** Every token issued so far is refused from now on (e.g. auth-service's signing key was rotated). */
    public void revokeTokens() {
        issuedTokens.clear();
    }

    /** Service tokens issued by the token endpoint so far. */
    public int tokensIssued() {
        return tokensIssuedCount.get();
    }

    /** The bearer token of every {@code /internal/**} call, in order ({@code null} when none was sent). */
    public List<String> bearersSeen() {
        return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bearersSeen));
    }

    /** The {@code asOf} sent with each fundamentals call, in order ({@code "latest"} when none was sent). */
    public List<String> fundamentalsAsOf() {
        return List.copyOf(fundamentalsAsOf);
    }

    public int calls(String path) {
        return calls.getOrDefault(path, new AtomicInteger()).get();
    }

    public void resetCalls() {
        calls.clear();
        bearersSeen.clear();
        tokensIssuedCount.set(0);
    }

    private MockResponse handle(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        if (path.equals("/.well-known/jwks.json")) {
            return json(200, jwks);
        }
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.equals(TOKEN_PATH)) {
            return token(request);
        }
        if (path.startsWith("/internal/")) {
            String bearer = bearer(request);
            bearersSeen.add(bearer);
            Long expiry = bearer == null ? null : issuedTokens.get(bearer);
            if (expiry == null || expiry < System.currentTimeMillis()) {
                return json(401, "{\"status\":401,\"title\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}")
                        .addHeader("WWW-Authenticate", bearer == null ? "Bearer" : "Bearer error=\"invalid_token\"");
            }
        }
        Queue<Fault> scripted = faults.get(path);
        Fault fault = scripted == null ? null : scripted.poll();
        if (fault != null) {
            switch (fault) {
                case SLOW -> {
                    return answer(request, path).setHeadersDelay(slowMillis, TimeUnit.MILLISECONDS);
                }
                case UNAVAILABLE -> {
                    return json(503, "{\"status\":503,\"title\":\"Service Unavailable\"}");
                }
                case RESET -> {
                    return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
                }
                case BAD_REQUEST -> {
                    return json(400, "{\"status\":400,\"title\":\"Bad Request\"}");
                }
            }
        }
        return answer(request, path);
    }

    private MockResponse answer(RecordedRequest request, String path) {
        if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(503, "{\"status\":503,\"title\":\"Service Unavailable\"}");
        }
        if ("GET".equals(request.getMethod()) && path.startsWith("/internal/universes/")) {
            String universe = universes.get(path.substring("/internal/universes/".length()));
            return universe == null ? json(404, "{\"status\":404,\"code\":\"NOT_FOUND\"}") : json(200, universe);
        }
        if ("POST".equals(request.getMethod()) && path.equals("/internal/bars")) {
            return json(200, JSON.writeValueAsString(bars(JSON.readTree(request.getUtf8Body()))));
        }
        if ("POST".equals(request.getMethod()) && path.equals("/internal/fundamentals")) {
            JsonNode body = JSON.readTree(request.getUtf8Body());
            JsonNode asOf = body.get("asOf");
            fundamentalsAsOf.add(asOf == null || asOf.isNull() ? "latest" : asOf.asString());
            ObjectNode response = JSON.createObjectNode();
            response.put("source", "demo");
            ObjectNode items = response.putObject("items");
            ArrayNode missing = response.putArray("missing");
            for (JsonNode symbol : body.get("symbols").values()) {
                JsonNode item = fundamentals.get(symbol.asString());
                if (item == null) {
                    missing.add(symbol);
                } else {
                    items.set(symbol.asString(), item);
                }
            }
            return json(200, JSON.writeValueAsString(response));
        }
        return json(404, "{\"status\":404}");
    }

    /** auth-service's client-credentials grant, as far as a client can observe it. */
    private MockResponse token(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(request.getMethod()) || !expected.equals(request.getHeader("Authorization"))) {
            return json(401, "{\"error\":\"invalid_client\"}");
        }
        Map<String, String> form = new HashMap<>();
        for (String pair : request.getUtf8Body().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return json(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        if (!"market:read".equals(form.get("scope"))) {
            return json(400, "{\"error\":\"invalid_scope\"}");
        }
        String token = "svc." + UUID.randomUUID();
        long lifetime = tokenLifetime.toSeconds();
        issuedTokens.put(token, System.currentTimeMillis() + tokenLifetime.toMillis());
        tokensIssuedCount.incrementAndGet();
        return new MockResponse().setResponseCode(200).addHeader("Content-Type", "application/json")
                .addHeader("Cache-Control", "no-store")
                .setBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + lifetime
                        + ",\"scope\":\"market:read\"}");
    }

    private static String bearer(RecordedRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    private ObjectNode bars(JsonNode request) {
        int days = request.get("days").asInt();
        ObjectNode response = JSON.createObjectNode();
        response.put("source", bars.get("source").asString());
        response.set("asOf", bars.get("asOf"));
        ObjectNode series = response.putObject("series");
        ArrayNode missing = response.putArray("missing");
        for (JsonNode symbolNode : request.get("symbols").values()) {
            String symbol = symbolNode.asString();
            JsonNode recorded = withoutBars.contains(symbol) ? null : bars.get("series").get(symbol);
            if (recorded == null) {
                missing.add(symbol);
                continue;
            }
            ObjectNode trimmed = series.putObject(symbol);
            trimmed.put("symbol", symbol);
            trimmed.put("currency", recorded.get("currency").asString());
            for (String column : new String[] {"dates", "open", "high", "low", "close", "adjClose", "volume"}) {
                JsonNode values = recorded.get(column);
                ArrayNode out = trimmed.putArray(column);
                for (int i = Math.max(0, values.size() - days); i < values.size(); i++) {
                    out.add(values.get(i));
                }
            }
        }
        return response;
    }

    private MockResponse json(int status, String body) {
        MockResponse response = new MockResponse().setResponseCode(status).addHeader("Content-Type", "application/json")
                .setBody(body);
        return delayMillis > 0 ? response.setHeadersDelay(delayMillis, TimeUnit.MILLISECONDS) : response;
    }

    private static JsonNode merge(JsonNode kr, JsonNode us) {
        ObjectNode merged = (ObjectNode) kr.deepCopy();
        ((ObjectNode) merged.get("asOf")).setAll((ObjectNode) us.get("asOf"));
        ((ObjectNode) merged.get("series")).setAll((ObjectNode) us.get("series"));
        return merged;
    }

    /** symbol → recorded fundamentals item, from recorded {@code POST /internal/fundamentals} responses. */
    private static Map<String, JsonNode> items(JsonNode... responses) {
        Map<String, JsonNode> items = new HashMap<>();
        for (JsonNode response : responses) {
            response.get("items").properties().forEach(e -> items.put(e.getKey(), e.getValue()));
        }
        return Map.copyOf(items);
    }

    private static JsonNode read(String name) {
        try (InputStream in = MarketDataStub.class.getResourceAsStream("/market-data/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource market-data/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
