package io.stockradar.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run its user deleted, or the runs of a deleted account, never come back: neither when the
 * analysis-completed event is delivered again (a redelivery after an uncommitted offset, a producer
 * re-publishing from its outbox) nor when it is replayed from the dead-letter topic by an admin.
 */
class TombstoneIntegrationTests extends HistoryIntegrationTestSupport {

    private static final String REPLAY = "/api/history/admin/dead-letters/replay";

    @Autowired
    private MeterRegistry meters;

    @Test
    void aRunDeletedByItsUserStaysDeletedWhenItsEventIsRedelivered() {
        String user = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 3);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());
        deleteRun(user, event.runId());
        assertThat(tombstoneOf(event.runId())).isEqualTo(user);
        double dropped = count("run_deleted");

        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        // a re-publication under a new event id claims the same run: dropped too, not dead-lettered
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(TestEvents.withNewEventId(event)));
        AnalysisCompletedEvent next = TestEvents.analysisCompleted(user, 1);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(next));

        // same key, same partition: once the next run is stored, both copies were consumed
        awaitRun(next.runId());
        await().atMost(KAFKA_TIMEOUT).until(() -> count("run_deleted") >= dropped + 2);
        assertThat(runExists(event.runId())).isFalse();
        assertThat(resultsOf(event.runId())).isZero();
        http.get().uri("/api/history/runs/" + event.runId()).header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aRunDeletedByItsUserStaysDeletedWhenItsEventIsReplayedFromTheDeadLetterTopic() {
        String user = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());
        deleteRun(user, event.runId());
        AnalysisCompletedEvent next = TestEvents.analysisCompleted(user, 1);
        deadLetter(user, event);
        deadLetter(user, next);

        // the replay keeps the order of each key: once the next run is stored, the deleted one was consumed
        await().atMost(KAFKA_TIMEOUT).until(() -> {
            replayDeadLetters();
            return runExists(next.runId());
        });
        assertThat(runExists(event.runId())).isFalse();
        assertThat(resultsOf(event.runId())).isZero();
    }

    @Test
    void theRunsOfADeletedAccountStayDeletedWhenTheirEventsAreRedeliveredOrReplayed() {
        String user = newUser();
        AnalysisCompletedEvent deletedRun = TestEvents.analysisCompleted(user, 2);
        AnalysisCompletedEvent keptRun = TestEvents.analysisCompleted(user, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(deletedRun));
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(keptRun));
        awaitRun(keptRun.runId());
        // a per-run tombstone first; the account's deletion supersedes it
        deleteRun(user, deletedRun.runId());

        send(Topics.USER_DELETED_V1, user, TestEvents.json(TestEvents.userDeleted(user)));
        await().atMost(KAFKA_TIMEOUT).until(() -> runsOf(user) == 0);
        assertThat(jdbc.sql("SELECT count(*) FROM deleted_run WHERE user_id = :user").param("user", user)
                .query(Integer.class).single()).isZero();
        double dropped = count("user_deleted");

        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(keptRun));
        await().atMost(KAFKA_TIMEOUT).until(() -> count("user_deleted") >= dropped + 1);
        deadLetter(user, keptRun);
        deadLetter(user, deletedRun);
        await().atMost(KAFKA_TIMEOUT).until(() -> {
            replayDeadLetters();
            return count("user_deleted") >= dropped + 3;
        });

        assertThat(runsOf(user)).isZero();
        assertThat(resultsOf(keptRun.runId()) + resultsOf(deletedRun.runId())).isZero();
        assertThat(getJson("/api/history", TestJwts.token(user)).get("items")).isEmpty();
    }

    private void deleteRun(String user, UUID runId) {
        http.delete().uri("/api/history/runs/" + runId).header("Authorization", "Bearer " + TestJwts.token(user))
                .exchange().expectStatus().isNoContent();
        assertThat(runExists(runId)).isFalse();
    }

    /** As the error handler leaves a dead letter: original key and JSON, plus diagnostics headers. */
    private static void deadLetter(String user, AnalysisCompletedEvent event) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1_DLT, user,
                TestEvents.json(event));
        dead.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "database was down".getBytes(StandardCharsets.UTF_8));
        dead.headers().add(Topics.HEADER_EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        // the original record's headers stay, its producer's name included
        dead.headers().add(Topics.HEADER_PRODUCER, Topics.PRODUCER_AGENT_SERVICE.getBytes(StandardCharsets.UTF_8));
        send(dead);
    }

    private void replayDeadLetters() {
        String admin = TestJwts.token("admin-" + UUID.randomUUID(),
                claims -> claims.claim(StockRadarJwt.CLAIM_ROLES, List.of("USER", "ADMIN")));
        http.post().uri(REPLAY + "?limit=1000").header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isOk();
    }

    private String tombstoneOf(UUID runId) {
        return jdbc.sql("SELECT user_id FROM deleted_run WHERE run_id = :runId").param("runId", runId)
                .query(String.class).optional().orElse(null);
    }

    private int resultsOf(UUID runId) {
        return jdbc.sql("SELECT count(*) FROM analysis_result WHERE run_id = :runId").param("runId", runId)
                .query(Integer.class).single();
    }

    private double count(String outcome) {
        var counter = meters.find("stockradar.history.events").tag("topic", Topics.ANALYSIS_COMPLETED_V1)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
