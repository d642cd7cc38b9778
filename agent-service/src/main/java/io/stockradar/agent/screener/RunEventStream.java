package io.stockradar.agent.screener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events for one run: {@code progress} whenever done/total/phase change, then one of
 * {@code completed}, {@code failed} or {@code cancelled}, then the stream ends. It follows the stored
 * run, so it works whichever instance executes the run. One virtual thread per open stream.
 *
 * <p>On shutdown every open stream gets a last {@code reconnect} event (with an SSE {@code retry:} hint) and
 * ends, before the web server's graceful shutdown starts waiting for open requests: a stream would otherwise
 * hold that wait for the whole {@code timeout-per-shutdown-phase} and then be cut. Any instance can serve the
 * reopened stream, since it follows the stored run.
 */
@Component
class RunEventStream implements SmartLifecycle {

    /** How long a client should wait before it opens the stream again (another instance answers it). */
    static final long RECONNECT_AFTER_MILLIS = 1000;
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RunEventStream.class);

    private final ScreenerRunRepository runs;
    private final ScreenerProperties properties;
    /** The threads following an open stream; each removes itself when its stream ends. */
    private final Set<Thread> followers = ConcurrentHashMap.newKeySet();
    /** Counted down when this instance stops: every stream sends {@code reconnect} and ends. */
    private volatile CountDownLatch draining = new CountDownLatch(1);
    private volatile boolean running;

    RunEventStream(ScreenerRunRepository runs, ScreenerProperties properties) {
        this.runs = runs;
        this.properties = properties;
    }

    SseEmitter open(UUID runId) {
        SseEmitter emitter = new SseEmitter(properties.sseTimeout().toMillis());
        AtomicBoolean open = new AtomicBoolean(true);
        emitter.onCompletion(() -> open.set(false));
        emitter.onTimeout(() -> open.set(false));
        emitter.onError(e -> open.set(false));
        CountDownLatch drain = draining;
        Thread follower = Thread.ofVirtual().name("run-events-" + runId).unstarted(() -> {
            try {
                follow(runId, emitter, open, drain);
            } finally {
                followers.remove(Thread.currentThread());
            }
        });
        followers.add(follower);
        follower.start();
        return emitter;
    }

    private void follow(UUID runId, SseEmitter emitter, AtomicBoolean open, CountDownLatch drain) {
        String last = null;
        ScreenerRun run = null;
        try {
            while (open.get()) {
                if (drain.getCount() == 0) {
                    reconnect(runId, run, emitter);
                    return;
                }
                run = runs.find(runId).orElse(null);
                if (run == null) {
                    emitter.complete();
                    return;
                }
                String state = run.status() + "/" + run.done() + "/" + run.total() + "/" + run.phase();
                if (!state.equals(last)) {
                    emitter.send(SseEmitter.event().name("progress").data(new ProgressEvent(runId, run.status(),
                            progress(run))));
                    last = state;
                }
                if (run.status().terminal()) {
                    emitter.send(SseEmitter.event().name(terminalEvent(run.status())).data(new FinalEvent(runId,
                            run.status(), run.results() == null ? 0 : run.results().size(), run.error(),
                            ScreenerRunController.links(runId))));
                    emitter.complete();
                    return;
                }
                // waits for the next poll, or wakes at once when this instance stops
                drain.await(properties.ssePollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Event stream of run {} closed: {}", runId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("Event stream of run {} failed", runId, e);
            emitter.completeWithError(e);
        }
    }

    private static void reconnect(UUID runId, ScreenerRun run, SseEmitter emitter) throws IOException {
        emitter.send(SseEmitter.event().name("reconnect").reconnectTime(RECONNECT_AFTER_MILLIS)
                .data(new ReconnectEvent(runId, run == null ? null : run.status(), run == null ? null : progress(run),
                        ScreenerRunController.links(runId))));
        emitter.complete();
    }

    private static ScreenerRunResponse.Progress progress(ScreenerRun run) {
        return new ScreenerRunResponse.Progress(run.done(), run.total(), run.phase());
    }

    private static String terminalEvent(RunStatus status) {
        return switch (status) {
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            default -> "cancelled";
        };
    }

    @Override
    public void start() {
        draining = new CountDownLatch(1);
        running = true;
    }

    /**
     * Ends every open stream with {@code reconnect}; returns once each has ended, or after {@link #STOP_WAIT}
     * (Spring's own default bound for a shutdown phase). The context itself calls {@link #stop(Runnable)}.
     */
    @Override
    public void stop() {
        CountDownLatch stopped = new CountDownLatch(1);
        stop(stopped::countDown);
        try {
            stopped.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lifecycle processor waits for the callback at most {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    @Override
    public void stop(Runnable callback) {
        List<Thread> open = drain();
        Thread.ofVirtual().name("run-events-drain").start(() -> {
            open.forEach(RunEventStream::awaitEnd);
            callback.run();
        });
    }

    private List<Thread> drain() {
        running = false;
        draining.countDown();
        List<Thread> open = List.copyOf(followers);
        if (!open.isEmpty()) {
            log.info("Shutting down: {} run event stream(s) told to reconnect", open.size());
        }
        return open;
    }

    private static void awaitEnd(Thread follower) {
        try {
            follower.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown (which waits for open requests, streams included). */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }

    record ProgressEvent(UUID runId, RunStatus status, ScreenerRunResponse.Progress progress) {
    }

    record FinalEvent(UUID runId, RunStatus status, int resultCount, String error, Map<String, String> links) {
    }

    /** The last event of a stream ended by a shutdown: open {@code links.events} again (any instance serves it). */
    record ReconnectEvent(UUID runId, RunStatus status, ScreenerRunResponse.Progress progress,
                          Map<String, String> links) {
    }
}
