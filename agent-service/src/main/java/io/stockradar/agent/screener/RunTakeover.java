package io.stockradar.agent.screener;

import io.stockradar.agent.instance.InstanceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * No run stays unfinished because an instance died, hung or restarted. Every
 * {@code stockradar.liveness.heartbeat-interval} each instance:
 * <ol>
 * <li>takes over the unfinished runs of owners that are gone (heartbeat older than
 *     {@code stockradar.liveness.stale-after}, shut down, or restarted since they took the run), at most one
 *     survivor per run ({@link ScreenerRunRepository#takeOverOrphans}). A run not yet published is prepared
 *     again here; a published run is continued: its chunks without a stored result are analysed here, and the
 *     store of the last one completes it as usual (the chunks' stores are idempotent, so a chunk Kafka still
 *     redelivers later is a no-op);</li>
 * <li>rescues its own published runs without a stored chunk for {@code stockradar.screener.stall-after} while
 *     a consumer is gone (an instance silent that long, within {@link #DEAD_CONSUMER_WINDOW}) or hangs (a chunk
 *     analysis running for {@code stockradar.screener.hung-after}): their chunks may wait with it until the group
 *     rebalances ({@code session.timeout.ms}) or forever, so it analyses them itself. A run that only waits in
 *     the backlog of live consumers is left to them;</li>
 * <li>deletes the heartbeat rows of instances gone for {@code stockradar.liveness.forget-after} whose runs are all
 *     finished or taken over ({@link ScreenerRunRepository#forgetGoneInstances}).</li>
 * </ol>
 */
@Component
class RunTakeover implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RunTakeover.class);
    /** Runs taken over per look: a survivor of a large failure takes the rest at its next looks. */
    private static final int BATCH = 20;
    /**
     * How long after an instance went silent its consumers may still hold partitions: the group moves them within
     * the chunk consumers' session timeout (6 s) and a poll; later, runs without progress wait in a live backlog.
     */
    static final Duration DEAD_CONSUMER_WINDOW = Duration.ofSeconds(30);

    private final ScreenerRunRepository runs;
    private final ScreenerRunner runner;
    private final ChunkProcessor chunks;
    private final ThreadPoolTaskExecutor executor;
    private final JsonMapper json;
    private final String instanceId;
    private final Duration staleAfter;
    private final Duration stallAfter;
    private final Duration hungAfter;
    private final Duration forgetAfter;
    private final Clock clock = Clock.systemUTC();
    /** Runs being rescued on this instance: a run is rescued by one thread at a time. */
    private final Set<UUID> rescuing = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    RunTakeover(ScreenerRunRepository runs, ScreenerRunner runner, ChunkProcessor chunks,
                @Qualifier("screenerRunExecutor") ThreadPoolTaskExecutor executor, JsonMapper json,
                InstanceProperties instance, ScreenerProperties properties) {
        this.runs = runs;
        this.runner = runner;
        this.chunks = chunks;
        this.executor = executor;
        this.json = json;
        this.instanceId = instance.instanceId();
        this.staleAfter = instance.liveness().staleAfter();
        this.stallAfter = properties.stallAfter();
        this.hungAfter = properties.hungAfter();
        this.forgetAfter = instance.liveness().forgetAfter();
    }

    @Scheduled(fixedDelayString = "${stockradar.liveness.heartbeat-interval:1s}",
            initialDelayString = "${stockradar.liveness.heartbeat-interval:1s}")
    void look() {
        if (stopped) {
            return;
        }
        try {
            takeOverOrphans();
            for (UUID runId : runs.claimStalled(instanceId, stallAfter, DEAD_CONSUMER_WINDOW, hungAfter)) {
                rescue(runId);
            }
            int forgotten = runs.forgetGoneInstances(instanceId, forgetAfter);
            if (forgotten > 0) {
                log.info("Forgot {} instance(s) gone for more than {} with no unfinished run", forgotten, forgetAfter);
            }
        } catch (RuntimeException e) {
            log.warn("Looking for runs to take over failed: {}", e.getMessage());
        }
    }

    /** Takes over what it can now; returns the runs it took (tests race two of these). */
    List<ScreenerRunRepository.TakenOver> takeOverOrphans() {
        List<ScreenerRunRepository.TakenOver> taken = runs.takeOverOrphans(instanceId, staleAfter, BATCH);
        for (ScreenerRunRepository.TakenOver run : taken) {
            log.warn("Run {} taken over from {} (gone: no heartbeat for {}, shut down or restarted); {}", run.id(),
                    run.previousOwner(), staleAfter,
                    run.status() == RunStatus.QUEUED ? "preparing it again" : "continuing its chunks");
            if (run.status() == RunStatus.QUEUED) {
                try {
                    executor.execute(() -> runner.execute(run.id()));
                } catch (TaskRejectedException e) {
                    runs.failOwned(run.id(), instanceId, "Too many runs in progress after an instance failed",
                            clock.instant());
                }
            } else {
                rescue(run.id());
            }
        }
        return taken;
    }

    /** Analyses, on a virtual thread, the run's chunks that have no stored result (the last store completes it). */
    private void rescue(UUID runId) {
        if (!rescuing.add(runId)) {
            return;
        }
        Thread.ofVirtual().name("run-rescue-" + runId).start(() -> {
            long started = System.nanoTime();
            int analysed = 0;
            try {
                List<ScreenerRunRepository.UnstoredChunk> unstored = runs.unstoredChunks(runId);
                if (unstored.isEmpty()) {
                    // every chunk with a result would have completed the run in the same transaction as the last
                    // store: a RUNNING run without unstored chunks has lost its chunk messages. Fail it, clearly,
                    // rather than leave it RUNNING (no-op if it completed meanwhile)
                    if (runs.failOwned(runId, instanceId, "Its chunks were lost: the run cannot be finished",
                            clock.instant())) {
                        log.error("Run {} failed: RUNNING without a chunk left to analyse", runId);
                    }
                    return;
                }
                // chunks still in the outbox wait for the broker (the relay of any instance sends them): the
                // outbox, not this rescue, covers a Kafka outage
                List<ScreenerRunRepository.UnstoredChunk> sent = unstored.stream()
                        .filter(ScreenerRunRepository.UnstoredChunk::sent).toList();
                if (sent.isEmpty()) {
                    log.debug("Run {}: its {} remaining chunk(s) wait in the outbox for Kafka", runId, unstored.size());
                    return;
                }
                log.warn("Run {}: {} chunk(s) sent to the consumer group have no result; analysing them here",
                        runId, sent.size());
                for (ScreenerRunRepository.UnstoredChunk chunk : sent) {
                    if (stopped) {
                        break;
                    }
                    chunks.process(json.readValue(chunk.message(), ScreenChunk.class));
                    analysed++;
                }
                log.info("Run {}: {} remaining chunk(s) analysed by {} in {} ms", runId, analysed, instanceId,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                // the run is still ours and RUNNING: the next stall look tries again
                log.warn("Rescuing run {} stopped after {} chunk(s): {}", runId, analysed, e.getMessage());
            } finally {
                rescuing.remove(runId);
            }
        });
    }

    @Override
    public void destroy() {
        stopped = true;
    }
}
