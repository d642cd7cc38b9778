package io.stockradar.agent.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka, at least once, in creation order.
 *
 * <p>Why a polling relay with {@code SELECT … FOR UPDATE SKIP LOCKED} rather than Spring Modulith's event
 * publication registry: the row lock lets every instance run the relay without two of them sending the
 * same row at once, and without a leader election; the table, the backoff and the "published only after
 * the broker acked" rule are explicit, visible in SQL and testable; and it adds no framework whose
 * registry tables and republication semantics we would have to own anyway. A batch is sent pipelined (all
 * rows handed to the producer, then the acks awaited in order, within one {@code send-timeout}), so the
 * lock is held for at most about {@code send-timeout}; a failed send ends the batch and later rows are
 * not marked published ahead of it. A crash between the ack and the update republishes the row: consumers deduplicate on
 * {@code eventId} (also sent as header {@value Topics#HEADER_EVENT_ID}). Every record names its producer in
 * {@value Topics#HEADER_PRODUCER}.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Counter published;
    private final Counter failed;
    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicBoolean passRequested = new AtomicBoolean();

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.published = Counter.builder("stockradar.outbox.published").description("Outbox events acked by Kafka")
                .register(meters);
        this.failed = Counter.builder("stockradar.outbox.send.failures").description("Failed outbox sends (retried)")
                .register(meters);
        Gauge.builder("stockradar.outbox.pending", this, OutboxRelay::pendingCount)
                .description("Outbox events not yet published").register(meters);
    }

    @Scheduled(fixedDelayString = "${stockradar.outbox.poll-interval}", initialDelayString = "${stockradar.outbox.poll-interval}")
    void relayPending() {
        // one pass at a time on this instance (a later row never overtakes an earlier one here); a request
        // arriving during a pass makes that pass go round once more instead of starting a second one
        if (!passLock.tryLock()) {
            passRequested.set(true);
            return;
        }
        try {
            do {
                passRequested.set(false);
                Integer sent;
                do {
                    sent = transactions.execute(status -> relayBatch());
                } while (sent != null && sent == properties.batchSize());
            } while (passRequested.get());
        } catch (RuntimeException e) {
            log.warn("Outbox relay pass failed: {}", e.getMessage());
        } finally {
            passLock.unlock();
        }
    }

    /** Published rows are kept {@code stockradar.outbox.retention} for inspection, then deleted. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void purgePublished() {
        try {
            int deleted = deletePublishedBefore(clock.instant().minus(properties.retention()));
            if (deleted > 0) {
                log.info("Deleted {} published outbox event(s) older than {}", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Outbox purge failed: {}", e.getMessage());
        }
    }

    int deletePublishedBefore(Instant before) {
        return jdbc.sql("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    /** A row was committed: relay now rather than at the next poll (latency of chained work, e.g. run chunks). */
    @TransactionalEventListener
    void onAppended(OutboxWriter.OutboxAppended appended) {
        Thread.ofVirtual().name("outbox-relay-nudge").start(this::relayPending);
    }

    /** Sends one batch of due rows; returns how many were published. Runs inside a transaction. */
    int relayBatch() {
        Instant now = clock.instant();
        List<PendingEvent> due = jdbc.sql("""
                        SELECT id, topic, message_key, payload, attempts, partition_hint FROM outbox_event
                        WHERE published_at IS NULL AND next_attempt_at <= :now
                        ORDER BY created_at, id
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", properties.batchSize())
                .query((rs, row) -> new PendingEvent(rs.getObject("id", UUID.class), rs.getString("topic"),
                        rs.getString("message_key"), rs.getString("payload"), rs.getInt("attempts"),
                        rs.getObject("partition_hint", Integer.class)))
                .list();
        // pipelined: every row of the batch is handed to the producer at once (one linger, batched requests),
        // then the acks are collected in creation order. Rows are marked published up to the first failure
        // only, so a later row is never recorded as published ahead of an earlier one; a later row the
        // broker did ack is sent again with the retry (at least once; consumers deduplicate on eventId).
        List<CompletableFuture<?>> acks = new ArrayList<>(due.size());
        for (PendingEvent event : due) {
            CompletableFuture<?> ack = send(event);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break; // the producer refused it at once (broker unreachable): don't block on every other row
            }
        }
        List<UUID> published = new ArrayList<>(due.size());
        Exception failure = null;
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (int i = 0; i < acks.size() && failure == null; i++) {
            try {
                awaitAck(acks.get(i), deadline);
                published.add(due.get(i).id());
            } catch (Exception e) {
                failure = e;
            }
        }
        if (!published.isEmpty()) {
            jdbc.sql("""
                            UPDATE outbox_event SET published_at = :now, attempts = attempts + 1, last_error = NULL
                            WHERE id IN (:ids)
                            """)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("ids", published)
                    .update();
            this.published.increment(published.size());
        }
        if (failure != null) {
            PendingEvent event = due.get(published.size());
            failed.increment();
            int attempts = event.attempts() + 1;
            Instant next = clock.instant().plus(properties.backoff(attempts));
            log.warn("Outbox event {} not published (attempt {}), next try at {}: {}", event.id(), attempts, next,
                    rootMessage(failure));
            jdbc.sql("UPDATE outbox_event SET attempts = :attempts, next_attempt_at = :next, last_error = :error WHERE id = :id")
                    .param("attempts", attempts)
                    .param("next", Timestamp.from(next))
                    .param("error", truncate(rootMessage(failure)))
                    .param("id", event.id())
                    .update();
        }
        return published.size();
    }

    private void awaitAck(CompletableFuture<?> ack, long deadlineNanos) throws Exception {
        try {
            // published only once the broker acked (acks=all, idempotent producer)
            ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** Hands the row to the producer; the future completes with the broker's ack (or fails). */
    private CompletableFuture<?> send(PendingEvent event) {
        try {
            Integer partition = event.partitionHint() == null ? null
                    : Math.floorMod(event.partitionHint(), kafka.partitionsFor(event.topic()).size());
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), partition, event.key(), event.payload());
            record.headers().add(Topics.HEADER_EVENT_ID, event.id().toString().getBytes(StandardCharsets.UTF_8));
            // who produced it: consumers accept a topic only from its producer (with the cluster's ACLs, issue 20)
            record.headers().add(Topics.HEADER_PRODUCER, Topics.PRODUCER_AGENT_SERVICE.getBytes(StandardCharsets.UTF_8));
            record.headers().add(Topics.HEADER_SCHEMA_VERSION,
                    String.valueOf(AnalysisCompletedEvent.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8));
            return kafka.send(record);
        } catch (RuntimeException e) {
            // metadata or buffer unavailable within max.block.ms (broker down): a failed send like any other
            return CompletableFuture.failedFuture(e);
        }
    }

    private double pendingCount() {
        try {
            Long count = jdbc.sql("SELECT count(*) FROM outbox_event WHERE published_at IS NULL").query(Long.class).single();
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 1000);
    }

    private record PendingEvent(UUID id, String topic, String key, String payload, int attempts, Integer partitionHint) {
    }
}
