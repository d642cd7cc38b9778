package io.stockradar.history.runs;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The CSV exports over HTTP: bytes as Excel needs them, RFC 4180 escaping, formula neutralising, isolation. */
class HistoryExportIntegrationTests extends HistoryIntegrationTestSupport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String HEADER =
            "run_date,run_id,universe,data_as_of,rank,symbol,name,composite,grade,action,"
                    + "regime_score,technical_score,fundamental_score,price\r\n";

    @Test
    void exportsARunAsUtf8CsvWithBomKoreanNamesAndEscapedCells() {
        String user = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, "KOSPI200", LocalDate.parse("2025-06-16"),
                List.of(TestEvents.result(1, "005930.KS", "삼성전자", "A", votes(64.5, 80.0, null), 57200.0),
                        TestEvents.result(2, "000660.KS", "SK하이닉스, \"우선\"", "B", votes(64.5, 71.25, 55.0), null),
                        TestEvents.result(3, "035720.KS", "=HYPERLINK(\"http://evil\")", "C", votes(64.5, null, 40.0),
                                41000.5),
                        TestEvents.result(4, "035420.KS", "두 줄\n이름", "D", votes(64.5, 60.0, 60.0), 12_345_678.0)));
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());
        String createdAt = getJson("/api/history/runs/" + event.runId(), TestJwts.token(user))
                .get("createdAt").asString();

        EntityExchangeResult<byte[]> result = http.get().uri("/api/history/runs/" + event.runId() + "/export")
                .header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult();

        MediaType type = result.getResponseHeaders().getContentType();
        assertThat(type).isNotNull();
        assertThat(type.isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"stockradar-run-" + event.runId() + ".csv\"");
        byte[] bytes = result.getResponseBody();
        assertThat(Arrays.copyOf(bytes, 3)).isEqualTo(BOM);
        String prefix = createdAt + "," + event.runId() + ",KOSPI200,2025-06-16,";
        assertThat(csv(bytes)).isEqualTo(HEADER
                + prefix + "1,005930.KS,삼성전자,89,A,BUY,64.5,80,,57200\r\n"
                + prefix + "2,000660.KS,\"SK하이닉스, \"\"우선\"\"\",88,B,BUY,64.5,71.25,55,\r\n"
                + prefix + "3,035720.KS,\"'=HYPERLINK(\"\"http://evil\"\")\",87,C,BUY,64.5,,40,41000.5\r\n"
                + prefix + "4,035420.KS,\"두 줄\n이름\",86,D,BUY,64.5,60,60,12345678\r\n");
    }

    @Test
    void exportsTheFilteredHistoryNewestFirstAndOnlyTheCallersRuns() {
        String user = newUser();
        AnalysisCompletedEvent older = TestEvents.analysisCompleted(user, "KOSPI200", 2);
        AnalysisCompletedEvent us = TestEvents.analysisCompleted(user, "SP500", 1);
        AnalysisCompletedEvent newer = TestEvents.analysisCompleted(user, "KOSPI200", 3);
        for (AnalysisCompletedEvent event : List.of(older, us, newer)) {
            send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
            awaitRun(event.runId());
        }
        String stranger = newUser();
        AnalysisCompletedEvent strangers = TestEvents.analysisCompleted(stranger, "KOSPI200", 2);
        send(Topics.ANALYSIS_COMPLETED_V1, stranger, TestEvents.json(strangers));
        awaitRun(strangers.runId());

        String all = csv(export("/api/history/export", user));
        assertThat(all).startsWith("run_date,run_id,universe,data_as_of,rank,symbol,name,composite,grade,action,"
                + "regime_score,technical_score,fundamental_score,price\r\n");
        List<String> rows = all.lines().skip(1).toList();
        assertThat(rows).hasSize(6).noneMatch(row -> row.contains(strangers.runId().toString()));
        assertThat(rows.stream().map(row -> row.split(",")[1]).distinct().toList())
                .containsExactly(newer.runId().toString(), us.runId().toString(), older.runId().toString());

        List<String> kospi = csv(export("/api/history/export?universe=KOSPI200&symbol=000030.KS", user))
                .lines().skip(1).toList();
        assertThat(kospi).hasSize(3).allMatch(row -> row.contains(newer.runId().toString()));

        assertThat(csv(export("/api/history/export", newUser())).lines()).hasSize(1);
    }

    @Test
    void answersAnotherUsersRunExportWithNotFoundAndNoData() {
        String owner = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(owner, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, owner, TestEvents.json(event));
        awaitRun(event.runId());

        String body = http.get().uri("/api/history/runs/" + event.runId() + "/export")
                .header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("NOT_FOUND").doesNotContain("000010.KS").doesNotContain("종목");
    }

    @Test
    void rejectsBadExportFiltersAndAnonymousCalls() {
        http.get().uri("/api/history/export?grade=Z")
                .header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("grade");
        http.get().uri("/api/history/export").exchange().expectStatus().isUnauthorized();
    }

    private byte[] export(String path, String user) {
        return http.get().uri(path)
                .header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    /** The text after the byte order mark, which every export must start with. */
    private static String csv(byte[] bytes) {
        assertThat(Arrays.copyOf(bytes, 3)).isEqualTo(BOM);
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }

    private static Map<String, Double> votes(Double regime, Double technical, Double fundamental) {
        Map<String, Double> votes = new HashMap<>();
        votes.put("regime", regime);
        votes.put("technical", technical);
        votes.put("fundamental", fundamental);
        return votes;
    }
}
