package io.stockradar.history;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * market-data-service's {@code POST /internal/bars} and auth-service's {@code POST /oauth2/token} as a local
 * MockWebServer. Like the real service, {@code /internal/**} refuses (401) every request without a bearer
 * token this stub's token endpoint issued to history-service's credentials, so a test fails if the client
 * stops sending its service token. Bars are answered in the service's
 * columnar shape from REAL bars: {@code market-data/bars-kr-2025h1.csv} holds rows copied verbatim from
 * market-data-service's bundled {@code demo-data/bars-kr.csv.gz} (005930.KS, 000660.KS and ^KS11,
 * 2025-01-02..2025-06-16; KRX data via pykrx, see that module's DATA-SOURCES.md). Unknown symbols are
 * listed in {@code missing}, like the real service.
 */
public final class TestMarketData {

    public static final String AS_OF_KR = "2025-06-16";
    /** The credentials history-service authenticates with at the token endpoint (client_secret_basic). */
    public static final String CLIENT_ID = "history-service";
    public static final String CLIENT_SECRET = "test-market-data-secret";
    private static final Set<String> VALID_TOKENS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final AtomicLong TOKEN_LIFETIME_SECONDS = new AtomicLong(300);
    private static final Map<String, List<String[]>> BARS = load("/market-data/bars-kr-2025h1.csv");
    private static final List<JsonNode> REQUESTS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static final MockWebServer SERVER = start();

    private TestMarketData() {
    }

    public static String baseUrl() {
        String url = SERVER.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** auth-service's token endpoint, as this stub serves it. */
    public static String tokenUri() {
        return baseUrl() + "/oauth2/token";
    }

    /** Token requests answered with a token so far. */
    public static int tokenRequests() {
        return TOKEN_REQUESTS.get();
    }

    /** {@code /internal/**} requests refused for a missing or unknown bearer token so far. */
    public static int refusedRequests() {
        return REFUSED.get();
    }

    /** Every token issued so far is refused from now on (revoked, or signed by a retired key). */
    public static void revokeIssuedTokens() {
        VALID_TOKENS.clear();
    }

    /** {@code expires_in} of the tokens issued from now on. */
    public static void issueTokensValidFor(long seconds) {
        TOKEN_LIFETIME_SECONDS.set(seconds);
    }

    /** The next {@code count} bars requests are answered 503, as an overloaded or restarting service would. */
    public static void failNextRequests(int count) {
        FAILURES.set(count);
    }

    /** The bodies of every bars request received so far. */
    public static List<JsonNode> requests() {
        return List.copyOf(REQUESTS);
    }

    private static MockResponse dispatch(RecordedRequest request) {
        if ("/oauth2/token".equals(request.getPath())) {
            return token(request);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !VALID_TOKENS.contains(authorization.substring("Bearer ".length()))) {
            REFUSED.incrementAndGet();
            // as market-data-service's resource server answers
            return new MockResponse().setResponseCode(401)
                    .setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .setHeader("Content-Type", "application/problem+json")
                    .setBody("{\"status\":401,\"code\":\"UNAUTHORIZED\"}");
        }
        return bars(request);
    }

    /** auth-service's client-credentials grant: HTTP Basic client authentication, scope market:read. */
    private static MockResponse token(RecordedRequest request) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBody().readUtf8().split("&")) {
            String[] keyValue = pair.split("=", 2);
            form.put(URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8),
                    keyValue.length > 1 ? URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8) : "");
        }
        if (!"POST".equals(request.getMethod()) || !expected.equals(request.getHeader("Authorization"))) {
            return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json")
                    .setBody("{\"error\":\"invalid_client\"}");
        }
        if (!"client_credentials".equals(form.get("grant_type"))
                || !List.of(form.getOrDefault("scope", "").split(" ")).contains("market:read")) {
            return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                    .setBody("{\"error\":\"invalid_request\"}");
        }
        String token = UUID.randomUUID().toString();
        VALID_TOKENS.add(token);
        TOKEN_REQUESTS.incrementAndGet();
        ObjectNode body = TestEvents.JSON.createObjectNode();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME_SECONDS.get());
        body.put("scope", "market:read");
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    private static MockResponse bars(RecordedRequest request) {
        if (!"POST".equals(request.getMethod()) || !"/internal/bars".equals(request.getPath())) {
            return new MockResponse().setResponseCode(404);
        }
        JsonNode body = TestEvents.JSON.readTree(request.getBody().readUtf8());
        REQUESTS.add(body);
        if (FAILURES.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return new MockResponse().setResponseCode(503).setHeader("Content-Type", "application/problem+json")
                    .setBody("{\"status\":503,\"code\":\"UNAVAILABLE\"}");
        }
        int days = body.path("days").asInt(0);
        if (!body.path("symbols").isArray() || days < 1 || days > 1000 || body.get("symbols").size() > 1000) {
            return new MockResponse().setResponseCode(400);
        }
        ObjectNode response = TestEvents.JSON.createObjectNode();
        response.put("source", "demo");
        response.putObject("asOf").put("KR", AS_OF_KR).put("US", "2026-02-25");
        ObjectNode series = response.putObject("series");
        ArrayNode missing = response.putArray("missing");
        for (JsonNode symbolNode : body.get("symbols")) {
            String symbol = symbolNode.asString();
            List<String[]> rows = BARS.get(symbol);
            if (rows == null) {
                missing.add(symbol);
                continue;
            }
            List<String[]> tail = rows.subList(Math.max(0, rows.size() - days), rows.size());
            ObjectNode one = series.putObject(symbol);
            one.put("symbol", symbol);
            one.put("currency", "KRW");
            ArrayNode dates = one.putArray("dates");
            ArrayNode open = one.putArray("open");
            ArrayNode high = one.putArray("high");
            ArrayNode low = one.putArray("low");
            ArrayNode close = one.putArray("close");
            ArrayNode adjClose = one.putArray("adjClose");
            ArrayNode volume = one.putArray("volume");
            for (String[] row : tail) {
                dates.add(row[1]);
                open.add(Double.parseDouble(row[2]));
                high.add(Double.parseDouble(row[3]));
                low.add(Double.parseDouble(row[4]));
                close.add(Double.parseDouble(row[5]));
                adjClose.add(Double.parseDouble(row[5]));
                volume.add(Long.parseLong(row[6]));
            }
        }
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(response.toString());
    }

    private static Map<String, List<String[]>> load(String resource) {
        Map<String, List<String[]>> bars = new LinkedHashMap<>();
        try (InputStream in = TestMarketData.class.getResourceAsStream(resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] row = line.split(",");
                bars.computeIfAbsent(row[0], symbol -> new ArrayList<>()).add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bars;
    }

    private static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return TestMarketData.dispatch(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }));
        return server;
    }
}
