package io.stockradar.marketdata.upstream;

import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local HTTP stub standing in for Yahoo / OpenDART: routes by path prefix (longest first), records every
 * request with its arrival time, measures how many were in flight at once, and can hold each answer for a
 * while to make concurrency visible. Unrouted paths get 404.
 */
public final class UpstreamStub implements AutoCloseable {

    public record Call(Instant at, RecordedRequest request) {
    }

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration hold = Duration.ZERO;

    public UpstreamStub() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                calls.add(new Call(Instant.now(), request));
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    if (!hold.isZero()) {
                        Thread.sleep(hold);
                    }
                    String path = request.getPath() == null ? "" : request.getPath();
                    return routes.entrySet().stream()
                            .filter(route -> path.startsWith(route.getKey()))
                            .max((a, b) -> Integer.compare(a.getKey().length(), b.getKey().length()))
                            .map(route -> route.getValue().apply(request))
                            .orElseGet(() -> new MockResponse().setResponseCode(404).setBody("no route for " + path));
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public UpstreamStub on(String pathPrefix, Function<RecordedRequest, MockResponse> answer) {
        routes.put(pathPrefix, answer);
        return this;
    }

    public UpstreamStub on(String pathPrefix, MockResponse answer) {
        return on(pathPrefix, request -> answer.clone());
    }

    /** Every answer waits this long before it is sent (to make concurrent requests overlap). */
    public void hold(Duration duration) {
        this.hold = duration;
    }

    public String url(String path) {
        return server.url(path).toString();
    }

    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<RecordedRequest> requests(String pathPrefix) {
        return calls.stream().map(Call::request)
                .filter(r -> r.getPath() != null && r.getPath().startsWith(pathPrefix)).toList();
    }

    public int count(String pathPrefix) {
        return requests(pathPrefix).size();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void reset() {
        calls.clear();
        maxInFlight.set(0);
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
