package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.testsupport.Kafka;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingestion guarantee of the history issue, on the real broker and PostgreSQL: 10,000 records, of
 * which 8,900 distinct valid events, 1,000 injected duplicates (copies of valid events, before and after
 * their original, some long after it was stored) and 100 poison messages (1 %: 25 not JSON, 25 without
 * an event id, 25 with an unknown grade, 25 valid-looking events claiming an already recorded run, which
 * only the database can refuse), delivered out of order (shuffled across 200 users and 3 partitions),
 * with a broker outage and restart in the middle of the stream (the consumer is busy, the second half is
 * produced while the broker is down).
 * <p>
 * Afterwards exactly the 8,900 valid events are stored, once each (count and set of event ids equal),
 * with their results; every poison message is in the dead-letter topic with a reason and its original
 * topic, partition and offset; no valid event is there. Nothing is lost.
 */
class IngestionGuaranteesIntegrationTests extends HistoryIntegrationTestSupport {

    private static final Logger log = LoggerFactory.getLogger(IngestionGuaranteesIntegrationTests.class);
    private static final int VALID = 8_900;
    private static final int DUPLICATES = 1_000;
    private static final int POISON_PER_KIND = 25;
    private static final int USERS = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Kafka kafka = SharedInfrastructure.kafka();
    private final String prefix = "guarantee-" + UUID.randomUUID() + "-";
    private final Random random = new Random(20261126);

    private record Message(String key, String value, String kind) {
    }

    @AfterEach
    void restoreBrokerAndRemoveTheRuns() {
        if (!kafka.isRunning()) {
            kafka.start();
        }
        // 8,900 runs would otherwise be pending picks for every later scorecard test in this JVM
        jdbc.sql("DELETE FROM analysis_run WHERE user_id LIKE :prefix").param("prefix", prefix + "%").update();
    }

    @Test
    void storesExactlyTheValidEventsOnceAndDeadLettersEveryPoisonMessageThroughABrokerRestart() throws Exception {
        List<AnalysisCompletedEvent> valid = new ArrayList<>(VALID);
        for (int i = 0; i < VALID; i++) {
            valid.add(TestEvents.analysisCompleted(prefix + (i % USERS), 1 + i % 3));
        }
        // first half: half of the valid events, duplicates of some of them, the poison that needs no history
        List<AnalysisCompletedEvent> firstValid = valid.subList(0, VALID / 2);
        List<AnalysisCompletedEvent> secondValid = valid.subList(VALID / 2, VALID);
        List<Message> first = new ArrayList<>();
        List<Message> second = new ArrayList<>();
        firstValid.forEach(event -> first.add(message(event, "valid")));
        secondValid.forEach(event -> second.add(message(event, "valid")));
        for (int i = 0; i < DUPLICATES; i++) {
            // a copy of a random valid event; copies in the second half of first-half events arrive after the
            // original was stored (a late redelivery), the others race with their original
            AnalysisCompletedEvent original = valid.get(random.nextInt(i < DUPLICATES / 2 ? VALID / 2 : VALID));
            (i % 2 == 0 ? first : second).add(message(original, "duplicate"));
        }
        for (int i = 0; i < POISON_PER_KIND; i++) {
            List<Message> half = i % 2 == 0 ? first : second;
            String user = prefix + random.nextInt(USERS);
            half.add(new Message(user, "{\"eventId\": \"" + UUID.randomUUID() + "\", \"runId\": [trunc", "not-json"));
            ObjectNode noEventId = (ObjectNode) TestEvents.JSON.readTree(TestEvents.json(
                    TestEvents.analysisCompleted(user, 2)));
            noEventId.remove("eventId");
            half.add(new Message(user, noEventId.toString(), "no-event-id"));
            ObjectNode badGrade = (ObjectNode) TestEvents.JSON.readTree(TestEvents.json(
                    TestEvents.analysisCompleted(user, 2)));
            ((ObjectNode) badGrade.get("results").get(1)).put("grade", "S");
            half.add(new Message(user, badGrade.toString(), "bad-grade"));
            // same key as its original, produced after it: same partition, so consumed after it
            AnalysisCompletedEvent claimed = firstValid.get(random.nextInt(firstValid.size()));
            second.add(new Message(claimed.userId(), TestEvents.json(TestEvents.withNewEventId(claimed)),
                    "conflicting-run"));
        }
        Collections.shuffle(first, random);
        Collections.shuffle(second, random);
        assertThat(first.size() + second.size()).isEqualTo(10_000);

        Map<String, RecordMetadata> poison = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> firstSent = send(producer, first);
            await().atMost(DEADLINE).until(() -> firstSent.stream().allMatch(Future::isDone));
            collectPoison(first, firstSent, poison);

            // the broker goes away while the consumer works through the first half
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> stored() >= 1_000);
            kafka.stop();
            int storedAtOutage = stored();
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try {
                // the second half is produced while the broker is down: nothing gets through. Depending on the
                // producer's cached metadata and buffer, send() either blocks or returns futures that stay
                // pending until the broker is back; either way no record of the second half is acknowledged.
                CompletableFuture<List<Future<RecordMetadata>>> sending = CompletableFuture.supplyAsync(
                        () -> send(producer, second), sender);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                        !sending.isDone() || sending.join().stream().noneMatch(Future::isDone));
                kafka.start();
                List<Future<RecordMetadata>> secondSent = sending.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                await().atMost(DEADLINE).until(() -> secondSent.stream().allMatch(Future::isDone));
                collectPoison(second, secondSent, poison);
            } finally {
                sender.shutdownNow();
            }
            log.info("Broker restarted with {} of {} valid events stored", storedAtOutage, VALID);
            assertThat(storedAtOutage).isLessThan(VALID);
        }
        assertThat(poison).hasSize(4 * POISON_PER_KIND);

        Map<String, ConsumerRecord<String, byte[]>> deadLetters = new HashMap<>();
        try (DeadLetterReader reader = new DeadLetterReader()) {
            await().atMost(DEADLINE).until(() -> {
                reader.readInto(deadLetters);
                return stored() >= VALID && deadLetters.size() >= poison.size();
            });
        }

        List<UUID> storedEventIds = jdbc.sql("SELECT event_id FROM analysis_run WHERE user_id LIKE :prefix")
                .param("prefix", prefix + "%").query(UUID.class).list();
        assertThat(storedEventIds).hasSize(VALID);
        assertThat(new HashSet<>(storedEventIds))
                .isEqualTo(valid.stream().map(AnalysisCompletedEvent::eventId).collect(HashSet::new, Set::add, Set::addAll));
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_result WHERE user_id LIKE :prefix")
                .param("prefix", prefix + "%").query(Long.class).single())
                .isEqualTo(valid.stream().mapToLong(event -> event.results().size()).sum());

        // exactly the poison messages were dead-lettered (keyed by original partition and offset), each with
        // its reason and origin
        assertThat(deadLetters.keySet()).isEqualTo(poison.keySet());
        deadLetters.values().forEach(dead -> {
            assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.ANALYSIS_COMPLETED_V1);
            String reason = header(dead, IngestKafkaConfig.DEAD_LETTER_REASON_HEADER);
            assertThat(reason).isNotBlank();
            assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
        });
        Map<String, Integer> reasonsByKind = new HashMap<>();
        poison.forEach((coordinates, metadata) -> {
            ConsumerRecord<String, byte[]> dead = deadLetters.get(coordinates);
            String reason = header(dead, IngestKafkaConfig.DEAD_LETTER_REASON_HEADER);
            String kind = kindOf(dead, reason);
            reasonsByKind.merge(kind, 1, Integer::sum);
        });
        assertThat(reasonsByKind).containsExactlyInAnyOrderEntriesOf(Map.of("not-json", POISON_PER_KIND,
                "no-event-id", POISON_PER_KIND, "bad-grade", POISON_PER_KIND, "conflicting-run", POISON_PER_KIND));
    }

    private static String kindOf(ConsumerRecord<String, byte[]> dead, String reason) {
        if (reason.contains("eventId is required")) {
            return "no-event-id";
        }
        if (reason.contains("grade must be one of")) {
            return "bad-grade";
        }
        if (reason.contains("analysis_run_pkey")) {
            return "conflicting-run";
        }
        if (header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN).endsWith("DeserializationException")) {
            return "not-json";
        }
        return "unexpected: " + reason;
    }

    private int stored() {
        return jdbc.sql("SELECT count(*) FROM analysis_run WHERE user_id LIKE :prefix").param("prefix", prefix + "%")
                .query(Integer.class).single();
    }

    private static Message message(AnalysisCompletedEvent event, String kind) {
        return new Message(event.userId(), TestEvents.json(event), kind);
    }

    private static List<Future<RecordMetadata>> send(KafkaProducer<String, String> producer, List<Message> messages) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(messages.size());
        for (Message message : messages) {
            sent.add(producer.send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, message.key(), message.value())));
        }
        return sent;
    }

    private static void collectPoison(List<Message> messages, List<Future<RecordMetadata>> sent,
                                      Map<String, RecordMetadata> poison) throws Exception {
        for (int i = 0; i < messages.size(); i++) {
            RecordMetadata metadata = sent.get(i).get(1, TimeUnit.SECONDS);
            if (!messages.get(i).kind().equals("valid") && !messages.get(i).kind().equals("duplicate")) {
                poison.put(metadata.partition() + "@" + metadata.offset(), metadata);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, io.stockradar.history.AsProducingService.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 110_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000));
    }

    /** Follows the dead-letter topic, keeping this test's dead letters by their original partition and offset. */
    private final class DeadLetterReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));

        void readInto(Map<String, ConsumerRecord<String, byte[]>> found) {
            if (consumer.assignment().isEmpty()) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYSIS_COMPLETED_V1_DLT,
                        Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.key() != null && record.key().startsWith(prefix)) {
                    int partition = ByteBuffer.wrap(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
                            .value()).getInt();
                    long offset = ByteBuffer.wrap(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                            .value()).getLong();
                    // a dead letter may be published twice (at least once); one per original offset counts
                    found.putIfAbsent(partition + "@" + offset, record);
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
