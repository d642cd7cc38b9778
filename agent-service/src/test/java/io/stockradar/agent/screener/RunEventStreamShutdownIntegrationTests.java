package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling update stops instances that have run event streams open: each stream gets a last {@code reconnect}
 * event with a {@code retry:} hint and ends when the instance stops, instead of being cut at the end of the
 * graceful-shutdown wait. The lifecycle is stopped (and started again) on the shared context.
 */
class RunEventStreamShutdownIntegrationTests extends IntegrationTestSupport {

    private static final String OWNER = "agent-sse-owner";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    RunEventStream events;

    private final List<UUID> created = new ArrayList<>();

    /** One per test: shutting it down aborts a stream a failed test left open (closing its reader would block). */
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void restart() {
        http.shutdownNow();
        if (!events.isRunning()) {
            events.start();
        }
        created.forEach(runId -> runs.cancel(runId, "erin", Instant.now()));
    }

    @Test
    void stoppingTellsEveryOpenStreamToReconnectAndEndsIt() throws Exception {
        UUID runId = queuedRun();
        BufferedReader stream = open(runId);
        assertThat(nextEvent(stream)).contains("event:progress").anyMatch(line -> line.contains("\"QUEUED\""));

        CountDownLatch stopped = new CountDownLatch(1);
        events.stop(stopped::countDown);

        // everything left on the stream, up to its end
        List<String> rest = CompletableFuture.supplyAsync(() -> readToEnd(stream)).get(60, TimeUnit.SECONDS);
        assertThat(stopped.await(60, TimeUnit.SECONDS)).as("stopped once its streams ended").isTrue();
        assertThat(rest).contains("event:reconnect", "retry:" + RunEventStream.RECONNECT_AFTER_MILLIS);
        assertThat(rest).filteredOn(line -> line.startsWith("data:")).singleElement().asString()
                .contains(runId.toString()).contains("\"status\":\"QUEUED\"")
                .contains("\"events\":\"/api/screener/runs/" + runId + "/events\"");
    }

    @Test
    void aStreamOpenedWhileStoppingIsToldToReconnectAtOnce() throws Exception {
        UUID runId = queuedRun();
        events.stop();

        BufferedReader stream = open(runId);
        List<String> all = CompletableFuture.supplyAsync(() -> readToEnd(stream)).get(60, TimeUnit.SECONDS);
        assertThat(all).contains("event:reconnect").doesNotContain("event:progress");
    }

    private UUID queuedRun() {
        // owned by an instance that lives for the whole test and never starts it: the run stays QUEUED
        TestInstances.alive(jdbc, OWNER);
        UUID runId = UUID.randomUUID();
        runs.insertQueued(runId, "erin", ScreenerRunner.CUSTOM,
                ScreenerRunRequestValidator.validate(new ScreenerRunRequest(null, List.of("005930.KS"), null, null, 10)),
                OWNER, Instant.now());
        created.add(runId);
        return runId;
    }

    private BufferedReader open(UUID runId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/screener/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + JWTS.token("erin"))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** The lines of the next event (up to the blank line that ends it). */
    private static List<String> nextEvent(BufferedReader stream) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = stream.readLine()) != null && !(line.isEmpty() && !lines.isEmpty())) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> readToEnd(BufferedReader stream) {
        try {
            return stream.lines().filter(line -> !line.isEmpty()).toList();
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("The stream broke instead of ending", e);
        }
    }
}
