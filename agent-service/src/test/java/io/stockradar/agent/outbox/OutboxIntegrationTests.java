package io.stockradar.agent.outbox;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxIntegrationTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @AfterEach
    void kafkaIsBack() {
        if (!SharedInfrastructure.kafka().isRunning()) {
            SharedInfrastructure.kafka().start();
        }
        jdbc.sql("DROP TRIGGER IF EXISTS reject_poison_outbox ON outbox_event").update();
    }

    @Test
    void completedRunIsPublishedExactlyOnceWithItsResults() {
        String runId = startRun("erin", Map.of("universe", "KOSDAQ150", "limit", 7));
        JsonNode run = awaitFinished(runId, "erin");
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");

        OutboxRow row = awaitPublished(runId, Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> records = recordsWithEventId(row.id(), Duration.ofSeconds(20));

        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(record.key()).isEqualTo("erin");
        assertThat(header(record, Topics.HEADER_SCHEMA_VERSION)).isEqualTo("1");
        assertThat(header(record, Topics.HEADER_PRODUCER)).as("names its producer (issue 20)").isEqualTo("agent-service");
        // trace context travels in the record headers (W3C traceparent, from the relay's observation)
        assertThat(header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        AnalysisCompletedEvent event = json.readValue(record.value(), AnalysisCompletedEvent.class);
        assertThat(event.eventId()).isEqualTo(row.id());
        assertThat(event.runId()).hasToString(runId);
        assertThat(event.userId()).isEqualTo("erin");
        assertThat(event.schemaVersion()).isEqualTo(AnalysisCompletedEvent.SCHEMA_VERSION);
        assertThat(event.universe()).isEqualTo("KOSDAQ150");
        assertThat(event.request()).containsEntry("universe", "KOSDAQ150").containsEntry("limit", 7);
        assertThat(event.regime().market()).isEqualTo("KR");
        assertThat(event.regime().regime()).isEqualTo(run.get("regime").get("regime").asString());
        assertThat(event.dataAsOf()).isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(event.source()).isEqualTo("demo");
        assertThat(event.results()).hasSize(7);
        for (int i = 0; i < 7; i++) {
            JsonNode expected = run.get("results").get(i);
            AnalysisCompletedEvent.Result actual = event.results().get(i);
            assertThat(actual.rank()).isEqualTo(i + 1);
            assertThat(actual.symbol()).isEqualTo(expected.get("symbol").asString());
            assertThat(actual.composite()).isEqualTo(expected.get("composite").asDouble());
            assertThat(actual.grade()).isEqualTo(expected.get("grade").asString());
            assertThat(actual.price()).isEqualTo(expected.get("price").asDouble());
            assertThat(actual.agents()).containsOnlyKeys("regime", "sector", "technical", "fundamental", "risk");
            assertThat(actual.agents().get("fundamental").abstained())
                    .isEqualTo(expected.get("agents").get("fundamental").get("abstained").asBoolean());
            assertThat(actual.agents().get("technical").score())
                    .isEqualTo(expected.get("agents").get("technical").get("score").asDouble());
        }
    }

    @Test
    void symbolListRunsArePublishedAsCustomUniverse() {
        String runId = startRun("erin", Map.of("symbols", List.of("005930.KS", "035720.KS")));
        assertThat(awaitFinished(runId, "erin").get("status").asString()).isEqualTo("COMPLETED");
        OutboxRow row = awaitPublished(runId, Duration.ofSeconds(30));
        AnalysisCompletedEvent event = json.readValue(row.payload(), AnalysisCompletedEvent.class);
        assertThat(event.universe()).isEqualTo("CUSTOM");
    }

    @Test
    void whenKafkaIsDownTheRunWaitsInTheOutboxThenCompletesAndIsPublishedOnceKafkaReturns() throws Exception {
        SharedInfrastructure.kafka().stop();
        String runId;
        try {
            runId = startRun("frank", Map.of("universe", "KOSPI200", "limit", 3));
            // the run is prepared and its chunks wait in the outbox: the relay keeps trying with backoff
            List<OutboxRow> chunks = await("chunks of run " + runId + " retried").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> chunkRows(runId), rows -> !rows.isEmpty() && rows.getFirst().attempts() >= 2);
            assertThat(chunks).hasSize(4); // 20 members, chunk-size 5
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.publishedAt()).isNull());
            assertThat(chunks.getFirst().attempts()).isGreaterThanOrEqualTo(2);
            assertThat(chunks.getFirst().lastError()).isNotBlank();
            JsonNode waiting = get("/api/screener/runs/" + runId, "frank").getBody();
            assertThat(waiting.get("status").asString()).isEqualTo("RUNNING");
            assertThat(waiting.get("progress").get("total").asInt()).isEqualTo(20);
            assertThat(waiting.get("progress").get("done").asInt()).isZero();
            assertThat(completedRows(runId)).isEmpty();
        } finally {
            SharedInfrastructure.kafka().start();
        }

        // the chunks are published, analysed and stored; the run completes and its event is published once
        assertThat(awaitFinished(runId, "frank").get("status").asString()).isEqualTo("COMPLETED");
        OutboxRow published = awaitPublished(runId, Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> records = recordsWithEventId(published.id(), Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        AnalysisCompletedEvent event = json.readValue(records.getFirst().value(), AnalysisCompletedEvent.class);
        assertThat(event.runId()).hasToString(runId);
        assertThat(event.results()).hasSize(3);
        assertThat(chunkRows(runId)).allSatisfy(chunk -> assertThat(chunk.publishedAt()).isNotNull());
    }

    @Test
    void runAndOutboxRowCommitTogetherOrNotAtAll() {
        // make the outbox insert fail for one user only: the completion transaction must roll back entirely
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION reject_poison_outbox() RETURNS trigger AS $$
                BEGIN
                  IF NEW.message_key = 'poison' THEN RAISE EXCEPTION 'outbox unavailable for test'; END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql
                """).update();
        jdbc.sql("""
                CREATE TRIGGER reject_poison_outbox BEFORE INSERT ON outbox_event
                FOR EACH ROW EXECUTE FUNCTION reject_poison_outbox()
                """).update();

        String runId = startRun("poison", Map.of("universe", "KOSDAQ150", "limit", 3));
        JsonNode run = awaitFinished(runId, "poison");

        // never reported as completed, no stored results, no event
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("results").size()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE message_key = 'poison'").query(Long.class).single())
                .isZero();
    }

    private String startRun(String user, Map<String, Object> request) {
        var accepted = post("/api/screener/runs", user, request);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return accepted.getBody().get("runId").asString();
    }

    private OutboxRow awaitPublished(String runId, Duration timeout) {
        return await("outbox row of run " + runId + " published").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> outboxRow(runId), row -> row.publishedAt() != null);
    }

    private OutboxRow outboxRow(String runId) {
        List<OutboxRow> rows = completedRows(runId);
        assertThat(rows).as("exactly one outbox row per completed run").hasSize(1);
        return rows.getFirst();
    }

    private List<OutboxRow> completedRows(String runId) {
        return rows(Topics.ANALYSIS_COMPLETED_V1, runId);
    }

    /** The run's chunk messages for stockradar.screen-requested.v1, in chunk order. */
    private List<OutboxRow> chunkRows(String runId) {
        return rows("stockradar.screen-requested.v1", runId);
    }

    private List<OutboxRow> rows(String topic, String runId) {
        return jdbc.sql("""
                        SELECT id, payload, attempts, published_at, last_error FROM outbox_event
                        WHERE topic = :topic AND payload::jsonb ->> 'runId' = :runId
                        ORDER BY (payload::jsonb ->> 'chunkNo')::int NULLS FIRST, created_at
                        """)
                .param("topic", topic)
                .param("runId", runId)
                .query((rs, i) -> new OutboxRow(rs.getObject("id", UUID.class), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getTimestamp("published_at"), rs.getString("last_error")))
                .list();
    }

    private static List<ConsumerRecord<String, String>> recordsWithEventId(UUID eventId, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ANALYSIS_COMPLETED_V1));
            long deadline = System.nanoTime() + timeout.toNanos();
            // read until the topic is drained after the first match (so a duplicate would be seen too)
            int emptyPollsAfterMatch = 0;
            while (System.nanoTime() < deadline && emptyPollsAfterMatch < 3) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty() && !matching.isEmpty()) {
                    emptyPollsAfterMatch++;
                }
                for (ConsumerRecord<String, String> record : records) {
                    if (eventId.toString().equals(header(record, Topics.HEADER_EVENT_ID))) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record OutboxRow(UUID id, String payload, int attempts, java.sql.Timestamp publishedAt, String lastError) {
    }
}
