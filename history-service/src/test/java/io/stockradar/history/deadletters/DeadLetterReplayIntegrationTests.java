package io.stockradar.history.deadletters;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /api/history/admin/dead-letters/replay: admin only, re-publishes once, stored once. */
class DeadLetterReplayIntegrationTests extends HistoryIntegrationTestSupport {

    private static final String REPLAY = "/api/history/admin/dead-letters/replay";

    @Test
    void replaysDeadLettersToTheMainTopicOnceWhereTheyAreStored() {
        String user = newUser();
        List<AnalysisCompletedEvent> events = List.of(TestEvents.analysisCompleted(user, 1),
                TestEvents.analysisCompleted(user, 2), TestEvents.analysisCompleted(user, 3));
        for (AnalysisCompletedEvent event : events) {
            // as the error handler left them: original key and value, plus diagnostics headers
            ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1_DLT, user,
                    TestEvents.json(event));
            dead.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "database was wrong".getBytes(StandardCharsets.UTF_8));
            dead.headers().add(Topics.HEADER_DLT_REASON, "PSQLException: test".getBytes(StandardCharsets.UTF_8));
            dead.headers().add(Topics.HEADER_EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
            // the original record's headers stay, its producer's name included
            dead.headers().add(Topics.HEADER_PRODUCER, Topics.PRODUCER_AGENT_SERVICE.getBytes(StandardCharsets.UTF_8));
            send(dead);
        }

        JsonNode first = replay(1);
        assertThat(first.get("replayed").asInt()).isEqualTo(1);
        assertThat(first.get("remaining").asLong()).isGreaterThanOrEqualTo(2);
        await().atMost(KAFKA_TIMEOUT).until(() -> {
            replay(1_000);
            return events.stream().allMatch(event -> runExists(event.runId()));
        });

        assertThat(runsOf(user)).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> republished = replayedRecordsOf(user);
        assertThat(republished).hasSize(3);
        assertThat(republished).allSatisfy(record -> {
            assertThat(header(record, DeadLetterReplayer.REPLAYED_FROM_HEADER))
                    .startsWith(Topics.ANALYSIS_COMPLETED_V1_DLT + "-");
            assertThat(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNull();
            assertThat(record.headers().lastHeader(Topics.HEADER_DLT_REASON)).isNull();
            assertThat(header(record, Topics.HEADER_EVENT_ID)).isNotNull();
        });

        // committed progress: a later replay does not publish them again
        replay(1_000);
        assertThat(replayedRecordsOf(user)).hasSize(3);
    }

    @Test
    void isForAdminsOnly() {
        http.post().uri(REPLAY).header("Authorization", "Bearer " + TestJwts.token(newUser()))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri(REPLAY).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void rejectsALimitOutOfRange() {
        for (String limit : List.of("0", "1001")) {
            http.post().uri(REPLAY + "?limit=" + limit).header("Authorization", "Bearer " + adminToken())
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        }
    }

    private JsonNode replay(int limit) {
        String body = http.post().uri(REPLAY + "?limit=" + limit).header("Authorization", "Bearer " + adminToken())
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return TestEvents.JSON.readTree(body);
    }

    private static String adminToken() {
        return TestJwts.token("admin-" + java.util.UUID.randomUUID(),
                claims -> claims.claim(StockRadarJwt.CLAIM_ROLES, List.of("USER", "ADMIN")));
    }

    /** Every record of the main topic with this key that a replay published. */
    private static List<ConsumerRecord<String, byte[]>> replayedRecordsOf(String user) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYSIS_COMPLETED_V1).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (user.equals(record.key())
                            && record.headers().lastHeader(DeadLetterReplayer.REPLAYED_FROM_HEADER) != null) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }
}
