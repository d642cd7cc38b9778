package io.stockradar.agent.screener;

import io.stockradar.agent.outbox.OutboxWriter;
import io.stockradar.common.event.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * What agent-service stores per user, and how it goes away: the user's screener runs (request, progress, results;
 * their chunk results cascade), the outbox rows of those runs (analysis-completed, key = user id; chunk messages,
 * key = run id). Open event streams of an erased run end at their next poll (the run is gone). Nothing else is
 * kept per user: the analysis cache and precomputed screens are per symbol and universe, the limits' counters
 * live only while a stream is open.
 *
 * <p>Erased when {@code stockradar.user-deleted.v1} arrives ({@link UserDeletedListener}), and in any case once a
 * finished run is older than {@code stockradar.screener.retention} (the history lives in history-service).
 */
@Component
class UserDataEraser {

    private static final Logger log = LoggerFactory.getLogger(UserDataEraser.class);
    private static final int RETENTION_BATCH = 500;

    private final ScreenerRunRepository runs;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final ScreenerProperties properties;
    private final Clock clock = Clock.systemUTC();

    UserDataEraser(ScreenerRunRepository runs, OutboxWriter outbox, TransactionTemplate transactions,
                   ScreenerProperties properties) {
        this.runs = runs;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Erases everything of the user in one transaction; idempotent. Returns the number of runs erased. */
    int eraseUser(String userId) {
        Integer erased = transactions.execute(status -> {
            // no run of the user is being accepted meanwhile (ScreenerRunService takes the same lock)
            runs.lockUserSubmissions(userId);
            List<UUID> ids = runs.runIdsOf(userId);
            outbox.deleteByKeys(Topics.ANALYSIS_COMPLETED_V1, List.of(userId));
            outbox.deleteByKeys(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, ids.stream().map(UUID::toString).toList());
            return runs.deleteUser(userId);
        });
        return erased == null ? 0 : erased;
    }

    /** Deletes finished runs older than the retention, with their chunk messages, in batches. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT2M")
    void applyRetention() {
        try {
            int total = 0;
            int deleted;
            do {
                deleted = deleteExpiredBatch();
                total += deleted;
            } while (deleted == RETENTION_BATCH);
            if (total > 0) {
                log.info("Deleted {} finished run(s) older than {}", total, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Run retention failed: {}", e.getMessage());
        }
    }

    int deleteExpiredBatch() {
        Integer deleted = transactions.execute(status -> {
            List<UUID> expired = runs.finishedBefore(clock.instant().minus(properties.retention()), RETENTION_BATCH);
            outbox.deleteByKeys(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, expired.stream().map(UUID::toString).toList());
            return runs.delete(expired);
        });
        return deleted == null ? 0 : deleted;
    }
}
