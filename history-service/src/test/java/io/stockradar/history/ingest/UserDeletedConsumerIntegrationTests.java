package io.stockradar.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** user-deleted → that user's history is gone, nobody else's, and it does not come back. */
class UserDeletedConsumerIntegrationTests extends HistoryIntegrationTestSupport {

    @Autowired
    private MeterRegistry meters;

    @Test
    void erasesOnlyTheDeletedUsersRuns() {
        String leaving = newUser();
        String staying = newUser();
        AnalysisCompletedEvent leavingRun1 = TestEvents.analysisCompleted(leaving, 3);
        AnalysisCompletedEvent leavingRun2 = TestEvents.analysisCompleted(leaving, 2);
        AnalysisCompletedEvent stayingRun = TestEvents.analysisCompleted(staying, 3);
        send(Topics.ANALYSIS_COMPLETED_V1, leaving, TestEvents.json(leavingRun1));
        send(Topics.ANALYSIS_COMPLETED_V1, leaving, TestEvents.json(leavingRun2));
        send(Topics.ANALYSIS_COMPLETED_V1, staying, TestEvents.json(stayingRun));
        awaitRun(leavingRun1.runId());
        awaitRun(leavingRun2.runId());
        awaitRun(stayingRun.runId());

        send(Topics.USER_DELETED_V1, leaving, TestEvents.json(TestEvents.userDeleted(leaving)));

        await().atMost(KAFKA_TIMEOUT).until(() -> runsOf(leaving) == 0);
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_result WHERE user_id = :userId").param("userId", leaving)
                .query(Integer.class).single()).isZero();
        assertThat(runsOf(staying)).isEqualTo(1);
        assertThat(getJson("/api/history", TestJwts.token(leaving)).get("items")).isEmpty();
        assertThat(getJson("/api/history", TestJwts.token(staying)).get("items")).hasSize(1);
    }

    @Test
    void dropsAnAnalysisThatArrivesAfterTheUserWasDeleted() {
        String leaving = newUser();
        send(Topics.USER_DELETED_V1, leaving, TestEvents.json(TestEvents.userDeleted(leaving)));
        await().atMost(KAFKA_TIMEOUT).until(() -> jdbc.sql("SELECT count(*) FROM deleted_user WHERE user_id = :u")
                .param("u", leaving).query(Integer.class).single() == 1);
        double droppedBefore = dropped();

        AnalysisCompletedEvent late = TestEvents.analysisCompleted(leaving, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, leaving, TestEvents.json(late));

        await().atMost(KAFKA_TIMEOUT).until(() -> dropped() > droppedBefore);
        assertThat(runExists(late.runId())).isFalse();
    }

    @Test
    void deadLettersAUserDeletedEventWithoutUserId() {
        String key = newUser();
        String poison = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"schemaVersion\":1}";
        RecordMetadata sent = send(Topics.USER_DELETED_V1, key, poison);

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.USER_DELETED_V1 + ".dlt",
                record -> key.equals(record.key()));
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(poison);
        assertThat(header(dead, IngestKafkaConfig.DEAD_LETTER_REASON_HEADER)).contains("userId is required");
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                .isEqualTo(sent.offset());
    }

    @Test
    void aForgedUserDeletedEventErasesNothing() {
        String victim = newUser();
        AnalysisCompletedEvent victimsRun = TestEvents.analysisCompleted(victim, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, victim, TestEvents.json(victimsRun));
        awaitRun(victimsRun.runId());
        String marker = newUser();
        double rejectedBefore = outcome("rejected");

        // one partition, in order: once the last (valid) one is handled, the forged ones were handled before it
        send(new ProducerRecord<>(Topics.USER_DELETED_V1, 0, "attacker", TestEvents.json(TestEvents.userDeleted(victim))));
        ProducerRecord<String, String> otherProducer = new ProducerRecord<>(Topics.USER_DELETED_V1, 0, victim,
                TestEvents.json(TestEvents.userDeleted(victim)));
        otherProducer.headers().add(Topics.HEADER_PRODUCER, "agent-service".getBytes(StandardCharsets.UTF_8));
        send(otherProducer);
        send(new ProducerRecord<>(Topics.USER_DELETED_V1, 0, marker, TestEvents.json(TestEvents.userDeleted(marker))));

        await().atMost(KAFKA_TIMEOUT).until(() -> jdbc.sql("SELECT count(*) FROM deleted_user WHERE user_id = :u")
                .param("u", marker).query(Integer.class).single() == 1);
        assertThat(runsOf(victim)).as("the victim's history survives forged events").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM deleted_user WHERE user_id = :u").param("u", victim)
                .query(Integer.class).single()).isZero();
        assertThat(outcome("rejected")).isEqualTo(rejectedBefore + 2);
    }

    private double outcome(String outcome) {
        var counter = meters.find("stockradar.history.events").tag("topic", Topics.USER_DELETED_V1)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double dropped() {
        var counter = meters.find("stockradar.history.events").tag("outcome", "user_deleted").counter();
        return counter == null ? 0 : counter.count();
    }
}
