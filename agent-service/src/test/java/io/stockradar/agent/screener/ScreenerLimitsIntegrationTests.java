package io.stockradar.agent.screener;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20, resource exhaustion: a user holds a bounded number of unfinished runs and of open event streams, a
 * run a bounded number of streams, and all streams of a run share one database poller. Refusals are 429
 * problem+json with {@code Retry-After}. Runs are fabricated QUEUED, owned by an instance that lives for the whole
 * test and never starts them, so they stay in flight until cancelled.
 */
class ScreenerLimitsIntegrationTests extends IntegrationTestSupport {

    private static final String OWNER = "agent-limits-owner";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    RunEventStream events;

    @Autowired
    ScreenerLimitsProperties limits;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<UUID> created = new ArrayList<>();
    private final List<String> users = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        // cancelling ends the runs' streams (server side) and frees their slots
        for (String user : users) {
            created.forEach(runId -> runs.cancel(runId, user, Instant.now()));
        }
        http.shutdownNow();
    }

    @Test
    void refusesARunBeyondTheUsersRunsInFlightWith429AndRetryAfter() {
        String user = user();
        for (int i = 0; i < limits.runsInFlightPerUser(); i++) {
            queuedRun(user);
        }

        ResponseEntity<JsonNode> refused = post("/api/screener/runs", user, Map.of("symbols", List.of("005930.KS")));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(refused.getBody().get("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(refused.getBody().get("status").asInt()).isEqualTo(429);
        assertThat(jdbc.sql("SELECT count(*) FROM screener_run WHERE user_id = :user").param("user", user)
                .query(Long.class).single()).as("nothing stored for the refused run").isEqualTo(limits.runsInFlightPerUser());

        // another user is not affected; once one of the user's runs ends, the user may start another
        String other = user();
        ResponseEntity<JsonNode> othersRun = post("/api/screener/runs", other, Map.of("symbols", List.of("005930.KS")));
        assertThat(othersRun.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        awaitFinished(othersRun.getBody().get("runId").asString(), other);
        assertThat(delete("/api/screener/runs/" + created.getFirst(), user).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> accepted = post("/api/screener/runs", user, Map.of("symbols", List.of("005930.KS")));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        awaitFinished(accepted.getBody().get("runId").asString(), user);
    }

    @Test
    void streamsOfOneRunShareOnePollerAndAreCappedPerRun() throws Exception {
        String user = user();
        UUID runId = queuedRun(user);
        double pollersBefore = pollersStarted();

        List<BufferedReader> streams = new ArrayList<>();
        for (int i = 0; i < limits.streamsPerRun(); i++) {
            BufferedReader stream = open(runId, user);
            assertThat(nextEvent(stream)).as("each stream gets the run's progress at once").contains("event:progress")
                    .anyMatch(line -> line.contains("\"QUEUED\""));
            streams.add(stream);
        }
        assertThat(pollersStarted()).as("one database poller for all streams of the run").isEqualTo(pollersBefore + 1);
        assertThat(events.follows(runId)).isTrue();

        Refusal refused = openRefused(runId, user);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(JsonMapper.shared().readTree(refused.body()).get("code").asString()).isEqualTo("TOO_MANY_REQUESTS");

        // the run ends: every stream is told, and the poller goes away
        runs.cancel(runId, user, Instant.now());
        for (BufferedReader stream : streams) {
            assertThat(rest(stream)).contains("event:cancelled");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.follows(runId));
    }

    @Test
    void refusesAStreamBeyondTheUsersOpenStreamsUntilOneEnds() throws Exception {
        String user = user();
        List<UUID> userRuns = new ArrayList<>();
        for (int i = 0; i < limits.streamsPerUser(); i++) {
            UUID runId = queuedRun(user);
            userRuns.add(runId);
            assertThat(nextEvent(open(runId, user))).contains("event:progress");
        }
        UUID another = queuedRun(user);

        Refusal refused = openRefused(another, user);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");

        // another user's streams are counted apart
        String other = user();
        assertThat(nextEvent(open(queuedRun(other), other))).contains("event:progress");

        // a stream that ends frees its slot
        runs.cancel(userRuns.getFirst(), user, Instant.now());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> tryOpen(another, user).statusCode() == 200);
    }

    private double pollersStarted() {
        return meters.get("stockradar.screener.stream.pollers.started").counter().count();
    }

    private String user() {
        String user = "limits-" + UUID.randomUUID();
        users.add(user);
        return user;
    }

    private UUID queuedRun(String user) {
        TestInstances.alive(jdbc, OWNER);
        UUID runId = UUID.randomUUID();
        runs.insertQueued(runId, user, ScreenerRunner.CUSTOM,
                ScreenerRunRequestValidator.validate(new ScreenerRunRequest(null, List.of("005930.KS"), null, null, 10)),
                OWNER, Instant.now());
        created.add(runId);
        return runId;
    }

    private HttpRequest streamRequest(UUID runId, String user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/screener/runs/" + runId + "/events"))
                .header("Authorization", "Bearer " + JWTS.token(user))
                .header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    private BufferedReader open(UUID runId, String user) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(streamRequest(runId, user), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /**
     * Opens a stream that is expected to be refused; the body is read only then (short and complete), so an accepted
     * stream fails the test at once instead of blocking it.
     */
    private Refusal openRefused(UUID runId, String user) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(streamRequest(runId, user), HttpResponse.BodyHandlers.ofInputStream());
        String body = response.statusCode() == 200 ? "" : new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        return new Refusal(response.statusCode(), response.headers(), body);
    }

    private record Refusal(int statusCode, java.net.http.HttpHeaders headers, String body) {
    }

    /** Opens a stream; if it is accepted, leaves it open (the test's clean-up ends it). */
    private HttpResponse<InputStream> tryOpen(UUID runId, String user) throws IOException, InterruptedException {
        return http.send(streamRequest(runId, user), HttpResponse.BodyHandlers.ofInputStream());
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

    private static List<String> rest(BufferedReader stream) {
        return stream.lines().filter(line -> !line.isEmpty()).toList();
    }
}
