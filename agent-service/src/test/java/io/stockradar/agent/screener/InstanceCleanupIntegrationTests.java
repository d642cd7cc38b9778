package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.instance.InstanceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pods get a new name on every restart, so {@code agent_instance} rows of instances long gone are deleted by a
 * survivor ({@code stockradar.liveness.forget-after}, 1 day here as in production), but only once none of their
 * runs is unfinished: a run is taken over first.
 */
class InstanceCleanupIntegrationTests extends IntegrationTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    InstanceProperties instance;

    @Test
    void anInstanceGoneForLongerThanForgetAfterWithOnlyFinishedRunsIsForgottenARecentlyDeadOneIsKept() {
        String longGone = "agent-gone-" + UUID.randomUUID();
        String recentlyDead = "agent-dead-" + UUID.randomUUID();
        TestInstances.goneFor(jdbc, longGone, "2 days");
        TestInstances.dead(jdbc, recentlyDead);
        // a finished run of the gone instance does not keep its row
        UUID finished = UUID.randomUUID();
        runs.insertQueued(finished, "han", ScreenerRunner.CUSTOM, request(), longGone, Instant.now());
        jdbc.sql("UPDATE screener_run SET status = 'COMPLETED', completed_at = now() WHERE id = :id")
                .param("id", finished).update();

        runs.forgetGoneInstances(instance.instanceId(), instance.liveness().forgetAfter());

        assertThat(TestInstances.exists(jdbc, longGone)).isFalse();
        assertThat(TestInstances.exists(jdbc, recentlyDead)).isTrue();
        assertThat(TestInstances.exists(jdbc, instance.instanceId())).isTrue();
    }

    @Test
    void anInstanceGoneForLongThatStillOwnsARunningRunIsKeptUntilASurvivorTookTheRunOver() {
        String gone = "agent-gone-" + UUID.randomUUID();
        UUID runId = UUID.randomUUID();
        // in one transaction, so the survivors' passes see neither the row nor its run before the check below
        transactions.executeWithoutResult(status -> {
            TestInstances.goneFor(jdbc, gone, "2 days");
            runs.insertQueued(runId, "han", ScreenerRunner.CUSTOM, request(), gone, Instant.now());
            assertThat(runs.claim(runId, gone, Instant.now())).isTrue();
            assertThat(runs.prepared(runId, gone, 1, 1, new RunRegime("KR", "NEUTRAL", "NORMAL", 0.5), List.of(),
                    LocalDate.of(2025, 6, 16), "demo")).isTrue();

            runs.forgetGoneInstances(instance.instanceId(), instance.liveness().forgetAfter());

            assertThat(TestInstances.exists(jdbc, gone)).isTrue();
        });

        // committed: a survivor takes the run over, then forgets the instance
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestInstances.exists(jdbc, gone));
        assertThat(jdbc.sql("SELECT accepted_by FROM screener_run WHERE id = :id").param("id", runId)
                .query(String.class).single()).isEqualTo(instance.instanceId());
    }

    private static ScreenerRunRequest request() {
        return ScreenerRunRequestValidator.validate(new ScreenerRunRequest(null, List.of("005930.KS"), null, null, 10));
    }
}
