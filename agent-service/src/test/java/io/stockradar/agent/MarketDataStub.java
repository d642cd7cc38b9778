package io.stockradar.agent;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * market-data-service's internal API, replayed from REAL recorded KRX data in
 * {@code src/test/resources/market-data/} (see {@code generate.py} there): 20 KOSPI 200 and 10 KOSDAQ 150
 * members with their daily bars up to the KR demo "today" 2025-06-16, plus {@code ^KS11} and {@code ^KQ11};
 * 15 S&amp;P 500 members up to the US demo "today" 2026-02-25, plus {@code ^GSPC} and {@code ^VIX}.
 * Bars are trimmed to the requested trailing {@code days}, unknown symbols are listed in {@code missing},
 * exactly like the real service. No fundamentals are bundled for these stocks, so the stub reports every
 * symbol as missing (the fundamental agent must then abstain, not guess). It also serves a JWKS for tests.
 */
public final class MarketDataStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockWebServer server = new MockWebServer();
    private final JsonNode bars = merge(read("bars-KR.json"), read("bars-US.json"));
    private final Map<String, String> universes = Map.of(
            "KOSPI200", JSON.writeValueAsString(read("universe-KOSPI200.json")),
            "KOSDAQ150", JSON.writeValueAsString(read("universe-KOSDAQ150.json")),
            "SP500", JSON.writeValueAsString(read("universe-SP500.json")));
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[]}";
    private volatile long delayMillis;

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
    public void failNext(int count) {
        failuresToServe.set(count);
    }

    /** Every internal API answer is delayed this long (0 = none), to observe runs while they load data. */
    public void delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
    }

    public int calls(String path) {
        return calls.getOrDefault(path, new AtomicInteger()).get();
    }

    public void resetCalls() {
        calls.clear();
    }

    private MockResponse handle(RecordedRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        if (path.equals("/.well-known/jwks.json")) {
            return json(200, jwks);
        }
        calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
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
            ObjectNode response = JSON.createObjectNode();
            response.put("source", "demo");
            response.putObject("items");
            ArrayNode missing = response.putArray("missing");
            body.get("symbols").values().forEach(missing::add);
            return json(200, JSON.writeValueAsString(response));
        }
        return json(404, "{\"status\":404}");
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
            JsonNode recorded = bars.get("series").get(symbol);
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
        return delayMillis > 0 ? response.setHeadersDelay(delayMillis, java.util.concurrent.TimeUnit.MILLISECONDS) : response;
    }

    private static JsonNode merge(JsonNode kr, JsonNode us) {
        ObjectNode merged = (ObjectNode) kr.deepCopy();
        ((ObjectNode) merged.get("asOf")).setAll((ObjectNode) us.get("asOf"));
        ((ObjectNode) merged.get("series")).setAll((ObjectNode) us.get("series"));
        return merged;
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
