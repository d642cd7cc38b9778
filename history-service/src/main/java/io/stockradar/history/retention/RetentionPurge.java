package io.stockradar.history.retention;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes runs recorded before {@code now - retention}, oldest first, in batches; results and scorecard
 * outcomes go with them (ON DELETE CASCADE). Then tombstones written before the same cutoff. Each batch is one transaction that first takes a
 * transaction-scoped PostgreSQL advisory lock, so with several instances one purges and the others
 * stop at once instead of deleting the same rows concurrently.
 */
@Component
class RetentionPurge {

    static final String LOCK = "stockradar.history.retention";

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /**
     * @param ran               false when another instance was purging
     * @param runsDeleted       runs removed by this call
     * @param tombstonesDeleted tombstones of deleted runs and deleted accounts removed by this call
     */
    record Summary(boolean ran, int runsDeleted, int tombstonesDeleted) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RetentionProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    RetentionPurge(JdbcClient jdbc, TransactionTemplate transactions, RetentionProperties properties,
                   MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /**
     * Tombstones (a run deleted by its user, an erased account) only have to outlive every copy of the
     * events they stop; those are gone from Kafka long before the retention period (see V3__tombstones.sql).
     * Returns null when another instance holds the lock.
     */
    private Integer purgeTombstones(OffsetDateTime cutoff) {
        return transactions.execute(status -> {
            if (!locked()) {
                return null;
            }
            int runs = jdbc.sql("DELETE FROM deleted_run WHERE deleted_at < :cutoff").param("cutoff", cutoff).update();
            int users = jdbc.sql("DELETE FROM deleted_user WHERE deleted_at < :cutoff").param("cutoff", cutoff).update();
            return runs + users;
        });
    }

    private boolean locked() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(:lock, 0))")
                .param("lock", LOCK).query(Boolean.class).single();
    }

    @Scheduled(cron = "${stockradar.history.retention-purge.cron}", zone = "${stockradar.history.retention-purge.zone}")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("Retention purge failed; it continues on the next run: {}", e.toString());
        }
    }

    Summary purge() {
        OffsetDateTime cutoff = Instant.now(clock).minus(properties.retention()).atOffset(ZoneOffset.UTC);
        int total = 0;
        while (true) {
            Integer deleted = transactions.execute(status -> {
                if (!locked()) {
                    return null;
                }
                return jdbc.sql("""
                                DELETE FROM analysis_run WHERE run_id IN (
                                    SELECT run_id FROM analysis_run WHERE created_at < :cutoff
                                    ORDER BY created_at LIMIT :batch)""")
                        .param("cutoff", cutoff)
                        .param("batch", properties.retentionPurge().batchSize())
                        .update();
            });
            if (deleted == null) {
                log.info("Retention purge: another instance is purging; skipped");
                return new Summary(false, total, 0);
            }
            total += deleted;
            if (deleted < properties.retentionPurge().batchSize()) {
                Integer tombstones = purgeTombstones(cutoff);
                if (tombstones == null) {
                    log.info("Retention purge: another instance is purging; skipped the tombstones");
                    return new Summary(false, total, 0);
                }
                if (total > 0 || tombstones > 0) {
                    log.info("Retention purge: deleted {} runs recorded and {} tombstones written before {}", total,
                            tombstones, cutoff);
                }
                meters.counter("stockradar.history.retention.deleted-runs").increment(total);
                meters.counter("stockradar.history.retention.deleted-tombstones").increment(tombstones);
                return new Summary(true, total, tombstones);
            }
        }
    }
}
