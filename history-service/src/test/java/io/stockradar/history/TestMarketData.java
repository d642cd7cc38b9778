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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * market-data-service's {@code POST /internal/bars} as a local MockWebServer, answering in the service's
 * columnar shape from REAL bars: {@code market-data/bars-kr-2025h1.csv} holds rows copied verbatim from
 * market-data-service's bundled {@code demo-data/bars-kr.csv.gz} (005930.KS, 000660.KS and ^KS11,
 * 2025-01-02..2025-06-16; KRX data via pykrx, see that module's DATA-SOURCES.md). Unknown symbols are
 * listed in {@code missing}, like the real service.
 */
public final class TestMarketData {

    public static final String AS_OF_KR = "2025-06-16";
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

    /** The next {@code count} bars requests are answered 503, as an overloaded or restarting service would. */
    public static void failNextRequests(int count) {
        FAILURES.set(count);
    }

    /** The bodies of every bars request received so far. */
    public static List<JsonNode> requests() {
        return List.copyOf(REQUESTS);
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
                return bars(request);
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
