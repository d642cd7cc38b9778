package io.stockradar.history.runs;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /api/history and /api/history/runs/{runId} over HTTP against runs recorded from real events. */
class HistoryApiIntegrationTests extends HistoryIntegrationTestSupport {

    @Test
    void pagesThroughFortyFiveRunsNewestFirstWithoutDuplicatesOrGaps() {
        String user = newUser();
        Set<UUID> published = new HashSet<>();
        for (int i = 0; i < 45; i++) {
            AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 6);
            published.add(event.runId());
            send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        }
        await().atMost(KAFKA_TIMEOUT).until(() -> runsOf(user) == 45);
        String token = TestJwts.token(user);

        List<JsonNode> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/api/history?limit=20" + (cursor == null ? "" : "&cursor=" + cursor), token);
            page.get("items").forEach(seen::add);
            pageSizes.add(page.get("items").size());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(20, 20, 5);
        List<UUID> runIds = seen.stream().map(item -> UUID.fromString(item.get("runId").asString())).toList();
        assertThat(runIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(runIds)).isEqualTo(published);
        List<Instant> createdAt = seen.stream().map(item -> Instant.parse(item.get("createdAt").asString())).toList();
        assertThat(createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        JsonNode first = seen.getFirst();
        assertThat(first.get("resultCount").asInt()).isEqualTo(6);
        assertThat(first.get("top")).hasSize(5);
        assertThat(first.get("top").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("top").get(4).get("rank").asInt()).isEqualTo(5);
        assertThat(first.get("top").get(0).get("grade").asString()).isEqualTo("A");
        assertThat(first.get("regime").get("market").asString()).isEqualTo("KR");
        assertThat(first.get("universe").asString()).isEqualTo("KOSPI200");
    }

    @Test
    void filtersBySymbolGradeUniverseAndTime() {
        String user = newUser();
        AnalysisCompletedEvent small = TestEvents.analysisCompleted(user, "KOSPI200", 2);
        AnalysisCompletedEvent large = TestEvents.analysisCompleted(user, "KOSPI200", 5);
        AnalysisCompletedEvent us = TestEvents.analysisCompleted(user, "SP500", 1);
        for (AnalysisCompletedEvent event : List.of(small, large, us)) {
            send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        }
        await().atMost(KAFKA_TIMEOUT).until(() -> runsOf(user) == 3);
        String token = TestJwts.token(user);

        assertThat(runIds("/api/history?symbol=000050.ks", token)).containsExactly(large.runId());
        assertThat(runIds("/api/history?grade=E", token)).containsExactly(large.runId());
        assertThat(runIds("/api/history?symbol=000010.KS&grade=B", token)).isEmpty();
        assertThat(runIds("/api/history?symbol=000020.KS&grade=B", token))
                .containsExactlyInAnyOrder(small.runId(), large.runId());
        assertThat(runIds("/api/history?universe=SP500", token)).containsExactly(us.runId());
        assertThat(runIds("/api/history?universe=KOSPI200&symbol=000010.KS", token))
                .containsExactlyInAnyOrder(small.runId(), large.runId());
        assertThat(runIds("/api/history?from=2000-01-01", token)).hasSize(3);
        assertThat(runIds("/api/history?to=2000-01-01", token)).isEmpty();
        assertThat(runIds("/api/history?from=2000-01-01T09:00:00Z&to=2999-01-01", token)).hasSize(3);
    }

    @Test
    void neverShowsAnotherUsersRuns() {
        String owner = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(owner, 3);
        send(Topics.ANALYSIS_COMPLETED_V1, owner, TestEvents.json(event));
        awaitRun(event.runId());
        String intruder = TestJwts.token(newUser());

        assertThat(getJson("/api/history", intruder).get("items")).isEmpty();
        assertThat(getJson("/api/history?symbol=000010.KS", intruder).get("items")).isEmpty();
        String notFound = http.get().uri("/api/history/runs/" + event.runId())
                .header("Authorization", "Bearer " + intruder)
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(notFound).contains("\"code\":\"NOT_FOUND\"").doesNotContain("000010.KS").doesNotContain(owner);
        // the owner still sees it: the 404 above is about ownership, not existence
        assertThat(getJson("/api/history/runs/" + event.runId(), TestJwts.token(owner)).get("results")).hasSize(3);
    }

    @Test
    void answersUnknownRunWithNotFound() {
        http.get().uri("/api/history/runs/" + UUID.randomUUID())
                .header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
    }

    @Test
    void rejectsBadQueryParametersNamingTheField() {
        assertBadRequest("/api/history?limit=0", "limit");
        assertBadRequest("/api/history?limit=101", "limit");
        assertBadRequest("/api/history?limit=many", "limit");
        assertBadRequest("/api/history?cursor=not-a-cursor", "cursor");
        assertBadRequest("/api/history?cursor=" + UUID.randomUUID(), "cursor");
        assertBadRequest("/api/history?grade=Z", "grade");
        assertBadRequest("/api/history?symbol=%3Cscript%3E", "symbol");
        assertBadRequest("/api/history?universe=KOSPI%20200", "universe");
        assertBadRequest("/api/history?from=yesterday", "from");
        assertBadRequest("/api/history?from=2026-02-01&to=2026-01-01", "to");
        assertBadRequest("/api/history/runs/not-a-uuid", "runId");
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        http.get().uri("/api/history?limit=0&grade=Q")
                .header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'limit')]").exists()
                .jsonPath("$.errors[?(@.field == 'grade')]").exists();
    }

    @Test
    void acceptsACursorOnlyWithTheSameUserScope() {
        // a cursor is a position, not a capability: replaying another user's cursor shows only your own runs
        String owner = newUser();
        for (int i = 0; i < 3; i++) {
            send(Topics.ANALYSIS_COMPLETED_V1, owner, TestEvents.json(TestEvents.analysisCompleted(owner, 1)));
        }
        await().atMost(KAFKA_TIMEOUT).until(() -> runsOf(owner) == 3);
        String cursor = getJson("/api/history?limit=1", TestJwts.token(owner)).get("nextCursor").asString();

        assertThat(getJson("/api/history?cursor=" + cursor, TestJwts.token(newUser())).get("items")).isEmpty();
    }

    private void assertBadRequest(String path, String field) {
        http.get().uri(path)
                .header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private List<UUID> runIds(String path, String token) {
        List<UUID> ids = new ArrayList<>();
        getJson(path, token).get("items").forEach(item -> ids.add(UUID.fromString(item.get("runId").asString())));
        return ids;
    }
}
