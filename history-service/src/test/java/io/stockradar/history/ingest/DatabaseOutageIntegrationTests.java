package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database that fails transiently (here: PostgreSQL answering {@code 40001 serialization_failure} for
 * one user's inserts, as under contention or fail-over) must delay an event, never dead-letter it.
 */
class DatabaseOutageIntegrationTests extends HistoryIntegrationTestSupport {

    private final String user = newUser();
    private final String suffix = Integer.toHexString(user.hashCode() & 0x7fffffff);

    @AfterEach
    void repairDatabase() {
        jdbc.sql("DROP TRIGGER IF EXISTS fail_" + suffix + " ON analysis_run").update();
        jdbc.sql("DROP FUNCTION IF EXISTS fail_" + suffix + "()").update();
        jdbc.sql("DROP SEQUENCE IF EXISTS attempts_" + suffix).update();
    }

    @Test
    void retriesATransientDatabaseFailureUntilTheEventIsStoredAndNeverDeadLettersIt() {
        jdbc.sql("CREATE SEQUENCE attempts_" + suffix).update();
        // nextval is not rolled back with the failing transaction, so it counts the attempts
        jdbc.sql("CREATE FUNCTION fail_" + suffix + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.user_id = '" + user + "' THEN PERFORM nextval('attempts_" + suffix + "'); "
                + "RAISE EXCEPTION 'simulated transient failure' USING ERRCODE = '40001'; END IF; "
                + "RETURN NEW; END $$").update();
        jdbc.sql("CREATE TRIGGER fail_" + suffix + " BEFORE INSERT ON analysis_run FOR EACH ROW EXECUTE FUNCTION fail_"
                + suffix + "()").update();
        AnalysisCompletedEvent event = TestEvents.analysisCompleted(user, 3);

        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(event));
        await().atMost(KAFKA_TIMEOUT).until(() -> attempts() >= 3);
        assertThat(runExists(event.runId())).isFalse();

        jdbc.sql("DROP TRIGGER fail_" + suffix + " ON analysis_run").update();
        awaitRun(event.runId());

        assertThat(jdbc.sql("SELECT count(*) FROM analysis_result WHERE run_id = :runId")
                .param("runId", event.runId()).query(Integer.class).single()).isEqualTo(3);
        assertThat(deadLetters()).noneMatch(value -> value.contains(event.eventId().toString()));
    }

    private long attempts() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM attempts_" + suffix)
                .query(Long.class).single();
    }

    /** Everything in the dead-letter topic right now. */
    private static List<String> deadLetters() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYSIS_COMPLETED_V1_DLT,
                    Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new java.util.ArrayList<>();
            await().atMost(KAFKA_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return values;
        }
    }
}
