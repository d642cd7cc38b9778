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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** analysis-completed → PostgreSQL, through a real broker: idempotency, poison messages, tracing. */
@ExtendWith(OutputCaptureExtension.class)
class AnalysisCompletedConsumerIntegrationTests extends HistoryIntegrationTestSupport {

    @Autowired
    private MeterRegistry meters;

    @Test
    void storesARunWithAllResultsAndShowsItToItsUserOnly() {
        String user = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 7);

        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());

        JsonNode run = getJson("/api/history/runs/" + event.runId(), TestJwts.token(user));
        assertThat(run.get("runId").asString()).isEqualTo(event.runId().toString());
        assertThat(run.get("eventId").asString()).isEqualTo(event.eventId().toString());
        assertThat(run.get("universe").asString()).isEqualTo("KOSPI200");
        assertThat(run.get("dataAsOf").asString()).isEqualTo("2025-06-16");
        assertThat(run.get("source").asString()).isEqualTo("demo");
        assertThat(run.get("occurredAt").asString()).isEqualTo("2025-06-16T07:00:00Z");
        assertThat(run.get("regime").get("regime").asString()).isEqualTo("BULL");
        assertThat(run.get("regime").get("riskAppetite").asDouble()).isEqualTo(64.5);
        assertThat(run.get("request").get("limit").asInt()).isEqualTo(7);
        assertThat(run.get("resultCount").asInt()).isEqualTo(7);
        assertThat(run.get("results")).hasSize(7);
        JsonNode first = run.get("results").get(0);
        assertThat(first.get("rank").asInt()).isEqualTo(1);
        assertThat(first.get("symbol").asString()).isEqualTo("000010.KS");
        assertThat(first.get("name").asString()).isEqualTo("종목 1");
        assertThat(first.get("composite").asDouble()).isEqualTo(89.0);
        assertThat(first.get("grade").asString()).isEqualTo("A");
        assertThat(first.get("action").asString()).isEqualTo("BUY");
        assertThat(first.get("price").asDouble()).isEqualTo(50_001.0);
        assertThat(first.get("agents").get("technical").get("score").asDouble()).isEqualTo(79.0);
        assertThat(first.get("agents").get("technical").get("abstained").asBoolean()).isFalse();
        assertThat(first.get("agents").get("fundamental").get("abstained").asBoolean()).isTrue();
        assertThat(first.get("agents").get("fundamental").get("score").isNull()).isTrue();

        JsonNode list = getJson("/api/history", TestJwts.token(user));
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("runId").asString()).isEqualTo(event.runId().toString());

        String stranger = TestJwts.token(newUser());
        assertThat(getJson("/api/history", stranger).get("items")).isEmpty();
        http.get().uri("/api/history/runs/" + event.runId()).header("Authorization", "Bearer " + stranger)
                .exchange().expectStatus().isNotFound();
    }

    /** Result rows are streamed with COPY: its text format and the agents' JSON are escaped by hand. */
    @Test
    void rejectsAnAnalysisUnderAnotherUsersKeyOrFromAnotherProducer() {
        String victim = newUser();
        AnalysisCompletedEvent underAnotherKey = TestEvents.analysisCompleted(victim, 2);
        AnalysisCompletedEvent fromAnotherProducer = TestEvents.analysisCompleted(victim, 2);
        AnalysisCompletedEvent genuine = TestEvents.analysisCompleted(victim, 2);
        double rejectedBefore = count("rejected");

        // one partition, in order: once the genuine one is stored, the others were handled before it
        send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, 0, "attacker", TestEvents.json(underAnotherKey)));
        ProducerRecord<String, String> forged = new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, 0, victim,
                TestEvents.json(fromAnotherProducer));
        forged.headers().add(Topics.HEADER_PRODUCER, "auth-service".getBytes(StandardCharsets.UTF_8));
        send(forged);
        send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, 0, victim, TestEvents.json(genuine)));

        awaitRun(genuine.runId());
        assertThat(runExists(underAnotherKey.runId())).isFalse();
        assertThat(runExists(fromAnotherProducer.runId())).isFalse();
        await().atMost(KAFKA_TIMEOUT).until(() -> count("rejected") == rejectedBefore + 2);
    }

    @Test
    void storesTextThatNeedsEscapingExactlyAsSent() {
        String user = newUser();
        String name = "탭\there\nnew line\r\\N back\\slash \"quoted\" 'single' 😀 \u0001 {\"json\": [1]}";
        Map<String, AnalysisCompletedEvent.AgentScore> agents = new LinkedHashMap<>();
        agents.put("tech\"nical\\\t\n", new AnalysisCompletedEvent.AgentScore(1.0E-7, false));
        agents.put("기본", new AnalysisCompletedEvent.AgentScore(null, true));
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, "KOSPI200", LocalDate.parse("2025-06-16"),
                List.of(new AnalysisCompletedEvent.Result(1, "000010.KS", name, 12.5, "A", "BUY\tNOW", agents, null),
                        new AnalysisCompletedEvent.Result(2, "000020.KS", null, -3.25E-5, "F", null, Map.of(), 1.5E9)));

        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());

        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT name, action, composite, price, agents::text AS agents FROM analysis_result
                WHERE run_id = :runId ORDER BY rank""").param("runId", event.runId()).query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("name")).isEqualTo(name);
        assertThat(rows.get(0).get("action")).isEqualTo("BUY\tNOW");
        assertThat(rows.get(0).get("composite")).isEqualTo(12.5);
        assertThat(rows.get(0).get("price")).isNull();
        JsonNode stored = TestEvents.JSON.readTree((String) rows.get(0).get("agents"));
        assertThat(stored.properties()).hasSize(2);
        assertThat(stored.get("tech\"nical\\\t\n").get("score").asDouble()).isEqualTo(1.0E-7);
        assertThat(stored.get("tech\"nical\\\t\n").get("abstained").asBoolean()).isFalse();
        assertThat(stored.get("기본").get("score").isNull()).isTrue();
        assertThat(stored.get("기본").get("abstained").asBoolean()).isTrue();
        assertThat(rows.get(1).get("name")).isNull();
        assertThat(rows.get(1).get("action")).isNull();
        assertThat(rows.get(1).get("composite")).isEqualTo(-3.25E-5);
        assertThat(rows.get(1).get("price")).isEqualTo(1.5E9);
        assertThat(rows.get(1).get("agents")).isEqualTo("{}");
    }

    @Test
    void storesAnEventDeliveredThreeTimesOnce() {
        String user = newUser();
        double duplicatesBefore = count("duplicate");
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 3);
        for (int i = 0; i < 3; i++) {
            send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        }
        // same key, same partition: once the later event is stored, the three copies were consumed
        AnalysisCompletedEvent later = TestEvents.analysisCompleted(user, 1);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(later));
        awaitRun(later.runId());

        assertThat(runsOf(user)).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_result WHERE run_id = :runId")
                .param("runId", event.runId()).query(Integer.class).single()).isEqualTo(3);
        // the copies were recognised as duplicates by the constraint, not rejected as errors (dead-lettered)
        assertThat(count("duplicate") - duplicatesBefore).isEqualTo(2.0);
    }

    /**
     * eventId is the idempotency key; runId is unique too. A second, different event for a run already
     * recorded is not merged and not silently dropped: the first version stays and the second goes to
     * the dead-letter topic, where the database's reason says why.
     */
    @Test
    void deadLettersADifferentEventForAnAlreadyRecordedRun() {
        String user = newUser();
        AnalysisCompletedEvent original = TestEvents.analysisCompleted(user, 4);
        AnalysisCompletedEvent conflicting = TestEvents.withNewEventId(original);

        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(original));
        RecordMetadata sent = send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(conflicting));

        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.ANALYSIS_COMPLETED_V1_DLT,
                record -> new String(record.value(), StandardCharsets.UTF_8)
                        .contains(conflicting.eventId().toString()));
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("analysis_run_pkey");
        assertThat(header(dead, IngestKafkaConfig.DEAD_LETTER_REASON_HEADER)).startsWith("PSQLException: ");
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                .isEqualTo(sent.offset());
        JsonNode run = getJson("/api/history/runs/" + original.runId(), TestJwts.token(user));
        assertThat(run.get("eventId").asString()).isEqualTo(original.eventId().toString());
        assertThat(run.get("results")).hasSize(4);
    }

    @Test
    void deadLettersUnparseableJsonWithReasonAndOffsetAndKeepsConsumingThePartition() {
        String user = newUser();
        byte[] poison = "{\"eventId\": \"not even json".getBytes(StandardCharsets.UTF_8);
        RecordMetadata sent = send(Topics.ANALYSIS_COMPLETED_V1, user, new String(poison, StandardCharsets.UTF_8));
        AnalysisCompletedEvent next = TestEvents.analysisCompleted(user, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(next));

        awaitRun(next.runId());
        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.ANALYSIS_COMPLETED_V1_DLT,
                record -> user.equals(record.key()) && Arrays.equals(poison, record.value()));
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.ANALYSIS_COMPLETED_V1);
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                .isEqualTo(sent.partition());
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                .isEqualTo(sent.offset());
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).endsWith("DeserializationException");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("failed to deserialize");
        assertThat(header(dead, IngestKafkaConfig.DEAD_LETTER_REASON_HEADER)).contains("end-of-input");
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("history-service");
    }

    @Test
    void deadLettersAnEventMissingRequiredFieldsWithTheFieldsAsReason() {
        String user = newUser();
        ObjectNode incomplete = (ObjectNode) TestEvents.JSON.readTree(
                TestEvents.json(TestEvents.analysisCompleted(user, 2)));
        incomplete.remove("eventId");
        incomplete.remove("runId");
        String marker = UUID.randomUUID().toString();
        incomplete.put("source", marker);
        RecordMetadata sent = send(Topics.ANALYSIS_COMPLETED_V1, user, incomplete.toString());
        AnalysisCompletedEvent next = TestEvents.analysisCompleted(user, 1);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(next));

        awaitRun(next.runId());
        ConsumerRecord<String, byte[]> dead = awaitRecord(Topics.ANALYSIS_COMPLETED_V1_DLT,
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(marker));
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).endsWith("DeserializationException");
        assertThat(header(dead, IngestKafkaConfig.DEAD_LETTER_REASON_HEADER))
                .startsWith("InvalidEventException: ")
                .contains("eventId is required").contains("runId is required");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("eventId is required");
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                .isEqualTo(sent.offset());
        assertThat(runsOf(user)).isEqualTo(1);
    }

    @Test
    void toleratesFieldsItDoesNotKnowAnywhereInTheEvent() {
        String user = newUser();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 2);
        ObjectNode json = (ObjectNode) TestEvents.JSON.readTree(TestEvents.json(event));
        json.put("producerVersion", "9.9.9");
        json.putObject("futureBlock").put("x", 1);
        ((ObjectNode) json.get("regime")).put("breadth", 0.7);
        ((ObjectNode) json.get("results").get(0)).put("sector", "Semiconductors");
        ((ObjectNode) json.get("results").get(0).get("agents").get("technical")).putArray("signals").add("RSI");

        send(Topics.ANALYSIS_COMPLETED_V1, user, json.toString());
        awaitRun(event.runId());

        JsonNode run = getJson("/api/history/runs/" + event.runId(), TestJwts.token(user));
        assertThat(run.get("results")).hasSize(2);
        assertThat(run.get("results").get(0).get("agents").get("technical").get("score").asDouble()).isEqualTo(79.0);
    }

    /**
     * Events are recorded a poll at a time, yet each event's log line carries the trace of ITS producer:
     * two events of one user (one partition, usually one poll) with different traceparent headers.
     */
    @Test
    void continuesEachProducersTraceWhileRecording(CapturedOutput output) {
        String user = newUser();
        AnalysisCompletedEvent first = TestEvents.analysisCompleted(user, 1);
        AnalysisCompletedEvent second = TestEvents.analysisCompleted(user, 1);
        String firstTrace = UUID.randomUUID().toString().replace("-", "");
        String secondTrace = UUID.randomUUID().toString().replace("-", "");

        send(traced(first, firstTrace));
        send(traced(second, secondTrace));
        awaitRun(second.runId());

        await().atMost(KAFKA_TIMEOUT).untilAsserted(() -> {
            assertThat(output.getOut().lines().filter(line -> line.contains("Recorded run " + first.runId())))
                    .singleElement().asString().contains(firstTrace).doesNotContain(secondTrace);
            assertThat(output.getOut().lines().filter(line -> line.contains("Recorded run " + second.runId())))
                    .singleElement().asString().contains(secondTrace).doesNotContain(firstTrace);
        });
    }

    private static ProducerRecord<String, String> traced(AnalysisCompletedEvent event, String traceId) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, event.userId(),
                TestEvents.json(event));
        record.headers().add("traceparent", ("00-" + traceId + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void countsWhatItRecorded() {
        String user = newUser();
        double before = count("stored");
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 1);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        awaitRun(event.runId());
        await().atMost(KAFKA_TIMEOUT).until(() -> count("stored") > before);
    }

    private double count(String outcome) {
        var counter = meters.find("stockradar.history.events").tag("topic", Topics.ANALYSIS_COMPLETED_V1)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
