package io.stockradar.gateway.support;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One instance of a downstream service, played by a real HTTP server on a random port. It answers its
 * readiness probe (UP or DOWN on demand), records every other request, and answers them the way a test
 * asks: 200 with {@code X-Served-By}, a given status, a broken connection, or a late answer.
 */
public final class Backend {

    public enum Mode { OK, BROKEN_CONNECTION, SLOW }

    private static final String READINESS = "/actuator/health/readiness";

    private final String name;
    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger healthChecks = new AtomicInteger();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> statusOnlyFor = new AtomicReference<>();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public Backend(String name) {
        this.name = name;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String uri() {
        return "http://localhost:" + server.getPort();
    }

    public void ready(boolean ready) {
        this.ready.set(ready);
    }

    public void mode(Mode mode) {
        this.mode.set(mode);
    }

    /** Answer API requests with this status (for every method, or only for {@code method} if given). */
    public void respondWith(int status, String method) {
        this.status.set(status);
        this.statusOnlyFor.set(method);
    }

    /**
     * Answers requests to {@code path} with {@code handler} instead (not recorded in {@link #requests()}): how a
     * test service plays endpoints of its own, e.g. auth-service's token and API-key exchange endpoints.
     */
    public void route(String path, Function<RecordedRequest, MockResponse> handler) {
        routes.put(path, handler);
    }

    public void reset() {
        requests.clear();
        ready.set(true);
        mode.set(Mode.OK);
        status.set(200);
        statusOnlyFor.set(null);
    }

    /** Stops listening: connections are refused from now on. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            server.close();
        }
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public long count(String method) {
        return requests.stream().filter(r -> r.getMethod().equals(method)).count();
    }

    public int healthChecks() {
        return healthChecks.get();
    }

    private MockResponse answer(RecordedRequest request) {
        if (READINESS.equals(request.getUrl().encodedPath())) {
            healthChecks.incrementAndGet();
            return ready.get()
                    ? json(200, "{\"status\":\"UP\"}")
                    : json(503, "{\"status\":\"OUT_OF_SERVICE\"}");
        }
        Function<RecordedRequest, MockResponse> route = routes.get(request.getUrl().encodedPath());
        if (route != null) {
            return route.apply(request);
        }
        requests.add(request);
        return switch (mode.get()) {
            case BROKEN_CONNECTION -> new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket(true, true, true))
                    .build();
            case SLOW -> new MockResponse.Builder()
                    .headersDelay(3, TimeUnit.SECONDS)
                    .code(200)
                    .body("late")
                    .build();
            case OK -> ok(request);
        };
    }

    private MockResponse ok(RecordedRequest request) {
        String only = statusOnlyFor.get();
        int code = only == null || only.equals(request.getMethod()) ? status.get() : 200;
        if (code >= 400) {
            return new MockResponse.Builder()
                    .code(code)
                    .setHeader("Content-Type", "application/problem+json")
                    .setHeader("X-Served-By", name)
                    .body("{\"type\":\"https://stockradar.io/problems/from-" + name + "\",\"title\":\"Downstream\","
                            + "\"status\":" + code + ",\"detail\":\"answered by " + name + "\",\"code\":\"DOWNSTREAM\"}")
                    .build();
        }
        MockResponse.Builder ok = new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .setHeader("X-Served-By", name);
        // A HEAD answer has no body: one written anyway would be read as the start of the next response.
        return request.getMethod().equals("HEAD") ? ok.build() : ok.body("{\"servedBy\":\"" + name + "\"}").build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public String toString() {
        return name + "(" + uri() + ")";
    }
}
