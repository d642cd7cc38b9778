package io.stockradar.history.runs;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/history/symbols/{symbol} and DELETE /api/history/runs/{runId}, each only on the caller's own runs. */
class RunManagementIntegrationTests extends HistoryIntegrationTestSupport {

    @Test
    void showsASymbolsScoresOverTheCallersRunsOldestFirst() {
        String user = newUser();
        AnalysisCompletedEvent first = run(user, "2025-03-04", 2, "005930.KS", "B");
        AnalysisCompletedEvent second = run(user, "2025-05-02", 1, "005930.KS", "A");
        AnalysisCompletedEvent other = run(user, "2025-05-03", 1, "000660.KS", "A");
        String stranger = newUser();
        run(stranger, "2025-06-16", 1, "005930.KS", "F");

        JsonNode timeline = getJson("/api/history/symbols/005930.ks", TestJwts.token(user));

        assertThat(timeline.get("symbol").asString()).isEqualTo("005930.KS");
        assertThat(timeline.get("points")).hasSize(2);
        JsonNode oldest = timeline.get("points").get(0);
        assertThat(oldest.get("runId").asString()).isEqualTo(first.runId().toString());
        assertThat(oldest.get("date").asString()).isEqualTo("2025-03-04");
        assertThat(oldest.get("rank").asInt()).isEqualTo(2);
        assertThat(oldest.get("composite").asDouble()).isEqualTo(88.0);
        assertThat(oldest.get("grade").asString()).isEqualTo("B");
        assertThat(timeline.get("points").get(1).get("runId").asString()).isEqualTo(second.runId().toString());
        assertThat(timeline.get("points").get(1).get("grade").asString()).isEqualTo("A");
        assertThat(getJson("/api/history/symbols/000660.KS", TestJwts.token(user)).get("points").get(0)
                .get("runId").asString()).isEqualTo(other.runId().toString());
        assertThat(getJson("/api/history/symbols/005930.KS", TestJwts.token(newUser())).get("points")).isEmpty();
        http.get().uri("/api/history/symbols/not_a_ticker").header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("symbol");
    }

    @Test
    void deletesTheCallersRunWithItsResults() {
        String user = newUser();
        AnalysisCompletedEvent kept = run(user, "2025-06-13", 1, "005930.KS", "A");
        AnalysisCompletedEvent deleted = run(user, "2025-06-16", 1, "005930.KS", "A");

        http.delete().uri("/api/history/runs/" + deleted.runId()).header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(runExists(deleted.runId())).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_result WHERE run_id = :runId")
                .param("runId", deleted.runId()).query(Integer.class).single()).isZero();
        assertThat(runExists(kept.runId())).isTrue();
        http.get().uri("/api/history/runs/" + deleted.runId()).header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isNotFound();
        http.delete().uri("/api/history/runs/" + deleted.runId()).header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isNotFound();
        assertThat(getJson("/api/history/symbols/005930.KS", TestJwts.token(user)).get("points")).hasSize(1);
    }

    @Test
    void neverDeletesAnotherUsersRun() {
        String owner = newUser();
        AnalysisCompletedEvent event = run(owner, "2025-06-16", 1, "005930.KS", "A");

        String body = http.delete().uri("/api/history/runs/" + event.runId())
                .header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(body).contains("NOT_FOUND").doesNotContain(owner);
        assertThat(runExists(event.runId())).isTrue();
        http.delete().uri("/api/history/runs/" + event.runId()).exchange().expectStatus().isUnauthorized();
        assertThat(runExists(event.runId())).isTrue();
    }

    /** Issue 20: a read-only API key cannot write here even if a request skipped the gateway's own check. */
    @Test
    void aReadOnlyApiKeysTokenMayReadButNotDeleteAFullKeysMay() {
        String user = newUser();
        AnalysisCompletedEvent event = run(user, "2025-06-16", 1, "005930.KS", "A");
        String readKey = TestJwts.token(user, claims -> claims.claim("auth_method", "api_key").claim("scope", "read"));
        String fullKey = TestJwts.token(user, claims -> claims.claim("auth_method", "api_key").claim("scope", "full"));

        http.get().uri("/api/history/runs/" + event.runId()).header("Authorization", "Bearer " + readKey)
                .exchange().expectStatus().isOk();
        http.delete().uri("/api/history/runs/" + event.runId()).header("Authorization", "Bearer " + readKey)
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        assertThat(runExists(event.runId())).isTrue();

        http.delete().uri("/api/history/runs/" + event.runId()).header("Authorization", "Bearer " + fullKey)
                .exchange().expectStatus().isNoContent();
        assertThat(runExists(event.runId())).isFalse();
    }

    private AnalysisCompletedEvent run(String user, String dataAsOf, int rank, String symbol, String grade) {
        List<AnalysisCompletedEvent.Result> results = new java.util.ArrayList<>();
        for (int r = 1; r < rank; r++) {
            results.add(TestEvents.result(r, String.format("%06d.KS", r * 7), "다른 종목", "C",
                    Map.of("technical", 50.0), 1000.0));
        }
        results.add(TestEvents.result(rank, symbol, "종목", grade, Map.of("technical", 70.0), 57_200.0));
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, "KOSPI200", LocalDate.parse(dataAsOf), results);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());
        return event;
    }
}
