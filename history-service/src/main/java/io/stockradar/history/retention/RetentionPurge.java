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
 * outcomes go with them (ON DELETE CASCADE). Each batch is one transaction that first takes a
 * transaction-scoped PostgreSQL advisory lock, so with several instances one purges and the others
 * stop at once instead of deleting the same rows concurrently.
 */
@Component
class RetentionPurge {

    static final String LOCK = "stockradar.history.retention";

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** @param ran false when another instance was purging; @param runsDeleted runs removed by this call */
    record Summary(boolean ran, int runsDeleted) {
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
                boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(:lock, 0))")
                        .param("lock", LOCK).query(Boolean.class).single();
                if (!locked) {
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
                return new Summary(false, total);
            }
            total += deleted;
            if (deleted < properties.retentionPurge().batchSize()) {
                if (total > 0) {
                    log.info("Retention purge: deleted {} runs recorded before {}", total, cutoff);
                }
                meters.counter("stockradar.history.retention.deleted-runs").increment(total);
                return new Summary(true, total);
            }
        }
    }
}
