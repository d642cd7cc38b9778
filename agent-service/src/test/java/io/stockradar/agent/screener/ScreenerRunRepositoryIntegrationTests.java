package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.instance.InstanceProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional state changes that keep two instances on one database from running a run twice, and the
 * takeover of a dead or restarted owner's runs by exactly one survivor.
 */
class ScreenerRunRepositoryIntegrationTests extends IntegrationTestSupport {

    private static final ScreenerRunRequest REQUEST = new ScreenerRunRequest("KOSPI200", null, null, "composite", 20);

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InstanceProperties self;

    /** The owner of most runs here: alive throughout, so no sweep takes its runs over. */
    @BeforeEach
    void instanceAIsAlive() {
        TestInstances.alive(jdbc, "instance-a");
    }

    @Test
    void onlyTheAcceptingInstanceClaimsARunAndOnlyOnce() {
        UUID id = queued("instance-a");

        assertThat(runs.claim(id, "instance-b", Instant.now())).isFalse();
        assertThat(runs.claim(id, "instance-a", Instant.now())).isTrue();
        assertThat(runs.claim(id, "instance-a", Instant.now())).isFalse();
        assertThat(runs.status(id)).contains(RunStatus.RUNNING);
    }

    @Test
    void cancelAndCompletionHaveExactlyOneWinner() {
        UUID cancelledFirst = queued("instance-a");
        runs.claim(cancelledFirst, "instance-a", Instant.now());
        assertThat(runs.cancel(cancelledFirst, "owner", Instant.now())).isTrue();
        assertThat(runs.progress(cancelledFirst, 1, 2, "ANALYZING")).isFalse();
        assertThat(runs.complete(cancelledFirst, List.of(), List.of(), regime(), LocalDate.now(), "demo", 0, Instant.now()))
                .isFalse();
        assertThat(runs.status(cancelledFirst)).contains(RunStatus.CANCELLED);

        UUID completedFirst = queued("instance-a");
        runs.claim(completedFirst, "instance-a", Instant.now());
        assertThat(runs.complete(completedFirst, List.of(), List.of(), regime(), LocalDate.now(), "demo", 0, Instant.now()))
                .isTrue();
        assertThat(runs.cancel(completedFirst, "owner", Instant.now())).isFalse();
        assertThat(runs.status(completedFirst)).contains(RunStatus.COMPLETED);
    }

    @Test
    void onlyTheOwnerSeesOrCancelsARun() {
        UUID id = queued("instance-a");

        assertThat(runs.findForUser(id, "owner")).isPresent();
        assertThat(runs.findForUser(id, "someone-else")).isEmpty();
        assertThat(runs.cancel(id, "someone-else", Instant.now())).isFalse();
        assertThat(runs.status(id)).contains(RunStatus.QUEUED);
    }

    @Test
    void takesOverTheRunsOfDeadOrRestartedOwnersOnlyAndRequeuesThoseNotYetPublished() {
        UUID alive = queued("instance-a");
        TestInstances.beat(jdbc, "instance-dead");
        UUID deadQueued = queued("instance-dead");
        UUID deadPreparing = queued("instance-dead");
        runs.claim(deadPreparing, "instance-dead", Instant.now());
        UUID deadPublished = queued("instance-dead");
        runs.claim(deadPublished, "instance-dead", Instant.now());
        assertThat(runs.prepared(deadPublished, "instance-dead", 10, 2, regime(), List.of(), LocalDate.now(), "demo")).isTrue();
        TestInstances.beat(jdbc, "instance-restarted");
        UUID beforeRestart = queued("instance-restarted");
        // instance-restarted started again (a pod restarted under its name) after it accepted that run
        jdbc.sql("UPDATE agent_instance SET started_at = now() + interval '1 second' WHERE instance_id = 'instance-restarted'")
                .update();
        TestInstances.dead(jdbc, "instance-dead");

        // whoever takes them (this test, or the application's own sweep), each is taken exactly once
        TestInstances.alive(jdbc, "survivor");
        List<ScreenerRunRepository.TakenOver> taken = runs.takeOverOrphans("survivor", Duration.ofSeconds(2), 1000);
        assertThat(taken).extracting(ScreenerRunRepository.TakenOver::id).doesNotContain(alive);

        assertThat(runs.find(alive).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(owner(alive)).isEqualTo("instance-a");
        for (UUID orphan : List.of(deadQueued, deadPreparing, deadPublished, beforeRestart)) {
            assertThat(owner(orphan)).as("owner of %s", orphan).isNotIn("instance-dead", "instance-restarted");
        }
        assertThat(runs.status(deadQueued)).isNotEqualTo(java.util.Optional.of(RunStatus.FAILED));
        ScreenerRun published = runs.find(deadPublished).orElseThrow();
        assertThat(published.chunkCount()).as("published: continued with its chunks, not prepared again").isEqualTo(2);
        if (owner(deadPublished).equals("survivor")) {
            assertThat(published.status()).isEqualTo(RunStatus.RUNNING);
        }
        if (owner(deadPreparing).equals("survivor")) {
            assertThat(runs.status(deadPreparing)).as("not published: back to QUEUED, for its new owner to prepare")
                    .contains(RunStatus.QUEUED);
        }
        assertThat(runs.prepared(deadPreparing, "instance-dead", 10, 2, regime(), List.of(), LocalDate.now(), "demo"))
                .as("the presumed-dead owner can no longer publish it").isFalse();
        assertThat(runs.takeOverOrphans("survivor", Duration.ofSeconds(2), 1000)).extracting(ScreenerRunRepository.TakenOver::id)
                .doesNotContain(alive, deadQueued, deadPreparing, deadPublished, beforeRestart);
    }

    /**
     * A published run without progress for longer than stall-after is rescued by its owner only while some
     * consumer may be holding its chunks: an instance that went silent lately, or one whose chunk analysis hangs.
     * While every instance is alive and working (a burst: the chunks wait in their backlog), it is left to them;
     * the owner analysing them as well made a burst of 30 runs analyse a third of its chunks twice. After
     * hung-after without progress it is rescued anyway: its chunk messages may have been lost.
     */
    @Test
    void aRunWithoutProgressIsRescuedOnlyWhileAConsumerIsGoneOrHangs() {
        UUID run = queued("instance-a");
        runs.claim(run, "instance-a", Instant.now());
        assertThat(runs.prepared(run, "instance-a", 10, 2, regime(), List.of(), LocalDate.now(), "demo")).isTrue();
        // other tests' instances that went silent lately are long gone as far as this test is concerned
        jdbc.sql("UPDATE agent_instance SET last_seen_at = now() - interval '1 hour', busy_since = NULL "
                + "WHERE instance_id NOT IN ('instance-a', :self)").param("self", self.instanceId()).update();
        Duration stallAfter = Duration.ofSeconds(3);
        Duration deadWindow = Duration.ofSeconds(30);
        Duration hungAfter = Duration.ofSeconds(30);

        noProgressFor(run, "10 seconds");
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter))
                .as("every instance alive and working: the chunks wait in a backlog").doesNotContain(run);

        instance("consumer-busy", "now()", "now() - interval '10 seconds'");
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter))
                .as("a chunk analysis running for 10 s is slow, not hung").doesNotContain(run);

        instance("consumer-hung", "now()", "now() - interval '40 seconds'");
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter)).containsExactly(run);
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter))
                .as("rescued once per stall").doesNotContain(run);
        jdbc.sql("DELETE FROM agent_instance WHERE instance_id = 'consumer-hung'").update();

        noProgressFor(run, "10 seconds");
        instance("consumer-gone-long-ago", "now() - interval '2 minutes'", "NULL");
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter))
                .as("the group moved that consumer's partitions long ago").doesNotContain(run);

        instance("consumer-killed", "now() - interval '5 seconds'", "NULL");
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter)).containsExactly(run);
        jdbc.sql("DELETE FROM agent_instance WHERE instance_id LIKE 'consumer-%'").update();

        noProgressFor(run, "40 seconds");
        assertThat(runs.claimStalled("instance-a", stallAfter, deadWindow, hungAfter))
                .as("no progress for hung-after with every consumer alive: its chunks were lost, rescue it anyway")
                .containsExactly(run);
        jdbc.sql("DELETE FROM agent_instance WHERE instance_id LIKE 'consumer-%'").update();
    }

    private void noProgressFor(UUID run, String interval) {
        jdbc.sql("UPDATE screener_run SET progress_at = now() - interval '" + interval + "' WHERE id = :id")
                .param("id", run).update();
    }

    private void instance(String id, String lastSeenAt, String busySince) {
        jdbc.sql("INSERT INTO agent_instance (instance_id, started_at, last_seen_at, busy_since) VALUES (:id, '-infinity', "
                + lastSeenAt + ", " + busySince + ")").param("id", id).update();
    }

    @Test
    void twoSurvivorsRacingForTheRunsOfADeadInstanceTakeEachExactlyOnce() throws Exception {
        TestInstances.alive(jdbc, "racer-1");
        TestInstances.alive(jdbc, "racer-2");
        TestInstances.beat(jdbc, "instance-doomed");
        List<UUID> doomed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = queued("instance-doomed");
            runs.claim(id, "instance-doomed", Instant.now());
            // published, without outbox rows: the racers only take them (the application's sweep, a third
            // survivor, would find their chunks lost and fail them)
            runs.prepared(id, "instance-doomed", 10, 2, regime(), List.of(), LocalDate.now(), "demo");
            doomed.add(id);
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<List<UUID>> racer1 = () -> race(start, "racer-1");
        Callable<List<UUID>> racer2 = () -> race(start, "racer-2");
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<List<UUID>> first = threads.submit(racer1);
            Future<List<UUID>> second = threads.submit(racer2);
            TestInstances.dead(jdbc, "instance-doomed");
            start.countDown();
            List<UUID> takenByFirst = first.get(60, TimeUnit.SECONDS);
            List<UUID> takenBySecond = second.get(60, TimeUnit.SECONDS);

            assertThat(takenByFirst).doesNotHaveDuplicates().doesNotContainAnyElementsOf(takenBySecond);
            assertThat(takenBySecond).doesNotHaveDuplicates();
            for (UUID id : doomed) {
                String owner = owner(id);
                // the application's own sweep is a third survivor here: it may take some too, but only what no racer took
                if (takenByFirst.contains(id)) {
                    assertThat(owner).isEqualTo("racer-1");
                } else if (takenBySecond.contains(id)) {
                    assertThat(owner).isEqualTo("racer-2");
                } else {
                    assertThat(owner).isNotIn("instance-doomed", "racer-1", "racer-2");
                }
            }
            assertThat(takenByFirst.size() + takenBySecond.size()).as("the racers took runs").isPositive();
        }
    }

    /** One survivor: takes over in small batches, as its sweep does, until nothing is left. */
    private List<UUID> race(CountDownLatch start, String instance) throws InterruptedException {
        start.await();
        List<UUID> taken = new ArrayList<>();
        List<ScreenerRunRepository.TakenOver> batch;
        do {
            batch = runs.takeOverOrphans(instance, Duration.ofSeconds(2), 5);
            batch.forEach(run -> taken.add(run.id()));
        } while (!batch.isEmpty());
        return taken;
    }

    private String owner(UUID id) {
        return jdbc.sql("SELECT accepted_by FROM screener_run WHERE id = :id").param("id", id).query(String.class).single();
    }

    private UUID queued(String instance) {
        UUID id = UUID.randomUUID();
        runs.insertQueued(id, "owner", "KOSPI200", REQUEST, instance, Instant.now());
        return id;
    }

    private static RunRegime regime() {
        return new RunRegime("KR", "NEUTRAL", "NORMAL", 50);
    }
}
