package io.stockradar.history.deadletters;

import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves dead letters of {@code analysis-completed} back to the main topic, oldest first, with their
 * original key, value and headers (minus the dead-letter diagnostics) plus {@value #REPLAYED_FROM_HEADER}.
 * The normal consumer then stores them, deduplicating on the event id; a record that is still poison is
 * dead-lettered again, at a new offset, so a replay never loops.
 * <p>
 * Progress is the committed offset of consumer group {@value #GROUP}: a record is committed only after
 * the broker acknowledged its re-publication, so a failed replay can be repeated without losing any, and
 * a finished one is not replayed again. Two replays at the same time may both re-publish a record, which
 * the consumer's deduplication absorbs.
 */
@Component
class DeadLetterReplayer {

    static final String GROUP = "history-service-dlt-replay";
    static final String REPLAYED_FROM_HEADER = "stockradar-replayed-from";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_DURATION = Duration.ofSeconds(20);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final ConsumerFactory<?, ?> bootConsumerFactory;
    private final KafkaTemplate<Object, Object> producer;

    DeadLetterReplayer(ConsumerFactory<?, ?> bootConsumerFactory, KafkaTemplate<Object, Object> producer) {
        this.bootConsumerFactory = bootConsumerFactory;
        this.producer = producer;
    }

    /** @param replayed records re-published; @param remaining dead letters still waiting after this call */
    record Result(int replayed, long remaining) {
    }

    Result replay(int limit) {
        Map<String, Object> config = new HashMap<>(bootConsumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(limit, 500));
        DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(config,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try (Consumer<byte[], byte[]> consumer = factory.createConsumer(GROUP, "-replay")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ANALYSIS_COMPLETED_V1_DLT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int replayed = 0;
            Instant deadline = Instant.now().plus(MAX_DURATION);
            while (replayed < limit && !caughtUp(consumer, end) && Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                Map<TopicPartition, Long> notReplayed = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (replayed >= limit) {
                        notReplayed.putIfAbsent(partition, record.offset());
                        continue;
                    }
                    republish(record);
                    replayed++;
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
                // records polled beyond the limit stay for the next call (and out of the count below)
                notReplayed.forEach(consumer::seek);
            }
            long remaining = 0;
            for (TopicPartition partition : partitions) {
                remaining += Math.max(0, end.get(partition) - consumer.position(partition));
            }
            log.info("Replayed {} dead letters of {}; {} remain", replayed, Topics.ANALYSIS_COMPLETED_V1_DLT,
                    remaining);
            return new Result(replayed, remaining);
        }
    }

    private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    private void republish(ConsumerRecord<byte[], byte[]> dead) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, null,
                dead.key(), dead.value());
        for (Header header : dead.headers()) {
            boolean diagnostics = header.key().startsWith(KafkaHeaders.PREFIX + "dlt-")
                    || header.key().equals(Topics.HEADER_DLT_REASON);
            if (!diagnostics) {
                record.headers().add(header);
            }
        }
        record.headers().add(REPLAYED_FROM_HEADER, (dead.topic() + "-" + dead.partition() + "@" + dead.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying " + dead.topic() + "@" + dead.offset(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not replay " + dead.topic() + "-" + dead.partition() + "@"
                    + dead.offset(), e);
        }
    }
}
