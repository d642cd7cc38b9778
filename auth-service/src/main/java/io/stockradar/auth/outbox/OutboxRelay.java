package io.stockradar.auth.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox events to Kafka, at least once: a row is marked published only after the broker
 * acknowledged it (acks=all); a failed send leaves it pending and the next round tries again, for as long
 * as Kafka is down. Key = the event's key (the user id), header {@value Topics#HEADER_EVENT_ID} = the event
 * id (consumers deduplicate on it), {@value Topics#HEADER_SCHEMA_VERSION} and {@value Topics#HEADER_PRODUCER}.
 */
@Component
@ConditionalOnProperty(name = "stockradar.outbox.enabled", havingValue = "true", matchIfMissing = true)
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final Counter published;
    private final Counter failed;

    OutboxRelay(OutboxRepository repository, KafkaTemplate<String, String> kafka, TransactionTemplate transactions,
            OutboxProperties properties, MeterRegistry meters) {
        this.repository = repository;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        this.published = Counter.builder("stockradar.auth.outbox.published")
                .description("Outbox events acknowledged by Kafka").register(meters);
        this.failed = Counter.builder("stockradar.auth.outbox.failed")
                .description("Outbox publish attempts that failed (retried)").register(meters);
    }

    @Scheduled(fixedDelayString = "${stockradar.outbox.interval:1s}", initialDelayString = "${stockradar.outbox.interval:1s}")
    void relay() {
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Outbox relay round failed: {}", e.toString());
        }
    }

    /** One batch in one transaction (the rows stay locked while their sends are in flight); returns how many were published. */
    int relayBatch() {
        Integer count = transactions.execute(status -> {
            List<OutboxRepository.PendingEvent> events = repository.lockPending(properties.batchSize());
            if (events.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>();
            for (OutboxRepository.PendingEvent event : events) {
                CompletableFuture<SendResult<String, String>> send = send(event);
                sends.add(send);
                if (send.isCompletedExceptionally()) {
                    break; // the producer could not even reach the cluster: the rest would wait max.block.ms each
                }
            }
            int ok = 0;
            for (int i = 0; i < sends.size(); i++) {
                OutboxRepository.PendingEvent event = events.get(i);
                try {
                    sends.get(i).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    repository.markPublished(event.eventId());
                    published.increment();
                    ok++;
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    repository.markFailed(event.eventId(), cause.toString());
                    failed.increment();
                    log.warn("Outbox event {} to {} not published yet (attempt {}): {}", event.eventId(), event.topic(),
                            event.attempts() + 1, cause.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return ok;
        });
        return count == null ? 0 : count;
    }

    private CompletableFuture<SendResult<String, String>> send(OutboxRepository.PendingEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add(Topics.HEADER_EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_SCHEMA_VERSION,
                Integer.toString(event.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        // consumers accept user-deleted only from auth-service (with the cluster's ACLs, issue 20)
        record.headers().add(Topics.HEADER_PRODUCER, Topics.PRODUCER_AUTH_SERVICE.getBytes(StandardCharsets.UTF_8));
        try {
            return kafka.send(record);
        } catch (RuntimeException e) {
            // send() itself throws when the producer cannot get metadata within max.block.ms (broker down)
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Published events are kept a while for inspection, then dropped. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgePublished() {
        int deleted = repository.deletePublishedBefore(Instant.now().minus(properties.retention()));
        if (deleted > 0) {
            log.info("Deleted {} published outbox event(s) older than {}", deleted, properties.retention());
        }
    }
}
