package io.stockradar.agent.screener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Server-sent events for one run: {@code progress} whenever done/total/phase change, then one of
 * {@code completed}, {@code failed} or {@code cancelled}, then the stream ends. It follows the stored
 * run, so it works whichever instance executes the run.
 *
 * <p>One poller (a virtual thread reading the run every {@code stockradar.screener.sse-poll-interval}) per run on
 * this instance, shared by all of that run's open streams: a stream joining a followed run costs no database
 * reads of its own. A user holds at most {@link ScreenerLimitsProperties#streamsPerUser()} open streams on this
 * instance and a run at most {@link ScreenerLimitsProperties#streamsPerRun()}; beyond, 429 with
 * {@code Retry-After} (issue 20). Only a run's owner may follow it, so a client that does not read its streams
 * slows only its own. Every {@link #KEEPALIVE} without an event a stream gets an SSE comment, so a client that
 * went away is noticed (the write fails) and its slot freed.
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
    static final Duration KEEPALIVE = Duration.ofSeconds(15);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RunEventStream.class);

    private final ScreenerRunRepository runs;
    private final ScreenerProperties properties;
    private final ScreenerLimitsProperties limits;
    private final Counter refusedStreams;
    private final Counter pollersStarted;
    /** The poller of each followed run; a poller removes itself when its last stream ends. */
    private final Map<UUID, RunPoller> pollers = new ConcurrentHashMap<>();
    /** Open streams per user (absent = none). */
    private final Map<String, Integer> streamsByUser = new ConcurrentHashMap<>();
    /** Counted down when this instance stops: every stream sends {@code reconnect} and ends. */
    private volatile CountDownLatch draining = new CountDownLatch(1);
    private volatile boolean running;

    RunEventStream(ScreenerRunRepository runs, ScreenerProperties properties, ScreenerLimitsProperties limits,
                   MeterRegistry meters) {
        this.runs = runs;
        this.properties = properties;
        this.limits = limits;
        this.refusedStreams = Counter.builder("stockradar.screener.refused").tag("kind", "stream")
                .description("Runs and streams refused because the user holds the most allowed (429)").register(meters);
        this.pollersStarted = Counter.builder("stockradar.screener.stream.pollers.started")
                .description("Database pollers started for run event streams (one per followed run)").register(meters);
        Gauge.builder("stockradar.screener.stream.pollers", pollers, Map::size)
                .description("Runs followed by this instance's event streams: one database poller each").register(meters);
        Gauge.builder("stockradar.screener.streams", streamsByUser,
                        m -> m.values().stream().mapToInt(Integer::intValue).sum())
                .description("Open run event streams on this instance").register(meters);
    }

    /** A stream of {@code runId} for its owner {@code userId}; 429 when the user or the run holds the most streams. */
    SseEmitter open(String userId, UUID runId) {
        if (!reserve(userId)) {
            throw refused(userId, "You have " + limits.streamsPerUser()
                    + " run event streams open, the most allowed at once; close one first");
        }
        Subscriber subscriber = new Subscriber(userId, new SseEmitter(properties.sseTimeout().toMillis()));
        subscriber.emitter.onCompletion(subscriber::end);
        subscriber.emitter.onTimeout(subscriber::end);
        subscriber.emitter.onError(e -> subscriber.end());
        // joins the run's poller, or starts one with this stream already on it: a poller without streams ends at
        // once, so one started empty could end before its first stream joined
        Join[] joined = new Join[1];
        RunPoller[] started = new RunPoller[1];
        pollers.compute(runId, (id, existing) -> {
            if (existing != null) {
                joined[0] = existing.join(subscriber);
                if (joined[0] != Join.CLOSED) {
                    return existing;
                }
            }
            RunPoller poller = new RunPoller(id, draining);
            joined[0] = poller.join(subscriber);
            started[0] = poller;
            return poller;
        });
        if (joined[0] == Join.FULL) {
            subscriber.end();
            throw refused(userId, "Run " + runId + " has " + limits.streamsPerRun()
                    + " event streams open, the most allowed at once; close one first");
        }
        if (started[0] != null) {
            started[0].thread.start();
            pollersStarted.increment();
        }
        return subscriber.emitter;
    }

    private boolean reserve(String userId) {
        AtomicBoolean reserved = new AtomicBoolean();
        streamsByUser.compute(userId, (user, open) -> {
            int count = open == null ? 0 : open;
            if (count >= limits.streamsPerUser()) {
                return open;
            }
            reserved.set(true);
            return count + 1;
        });
        return reserved.get();
    }

    private void release(String userId) {
        streamsByUser.computeIfPresent(userId, (user, open) -> open <= 1 ? null : open - 1);
    }

    private ApiProblem refused(String userId, String detail) {
        refusedStreams.increment();
        log.info("Run event stream refused for user {}: {}", userId, detail);
        return TooManyRequestsProblem.of(detail, limits.streamRetryAfter());
    }

    /** One open stream. Ends once: frees its slot of the user's and leaves its poller. */
    private final class Subscriber {

        final String userId;
        final SseEmitter emitter;
        final AtomicBoolean open = new AtomicBoolean(true);
        volatile RunPoller poller;
        /** Whether it has had the run's current progress (a stream joining a followed run gets it at once). */
        boolean current;

        Subscriber(String userId, SseEmitter emitter) {
            this.userId = userId;
            this.emitter = emitter;
        }

        void end() {
            if (open.compareAndSet(true, false)) {
                release(userId);
                RunPoller joined = poller;
                if (joined != null) {
                    joined.leave(this);
                }
            }
        }

        /** Sends an event; a failed write (the client went away) ends this subscriber. */
        boolean send(SseEmitter.SseEventBuilder event) {
            if (!open.get()) {
                return false;
            }
            try {
                emitter.send(event);
                return true;
            } catch (IOException | IllegalStateException e) {
                log.debug("Event stream closed: {}", e.getMessage());
                end();
                return false;
            }
        }

        void complete() {
            if (open.get()) {
                emitter.complete();
            }
            end();
        }
    }

    private enum Join { JOINED, FULL, CLOSED }

    /** Follows one run for all of its streams on this instance. */
    private final class RunPoller implements Runnable {

        private final UUID runId;
        private final CountDownLatch drain;
        /** Released when a stream joins or the instance stops: the poller looks at once. */
        private final Semaphore wake = new Semaphore(0);
        private final List<Subscriber> subscribers = new ArrayList<>();
        private boolean closed;
        private final Thread thread;

        RunPoller(UUID runId, CountDownLatch drain) {
            this.runId = runId;
            this.drain = drain;
            this.thread = Thread.ofVirtual().name("run-events-" + runId).unstarted(this);
        }

        synchronized Join join(Subscriber subscriber) {
            if (closed) {
                return Join.CLOSED;
            }
            if (subscribers.size() >= limits.streamsPerRun()) {
                return Join.FULL;
            }
            subscriber.poller = this;
            subscribers.add(subscriber);
            wake.release();
            return Join.JOINED;
        }

        synchronized void leave(Subscriber subscriber) {
            subscribers.remove(subscriber);
        }

        void wake() {
            wake.release();
        }

        /** The open subscribers, or null (and closed) when none is left. */
        private synchronized List<Subscriber> subscribers() {
            subscribers.removeIf(subscriber -> !subscriber.open.get());
            if (subscribers.isEmpty()) {
                closed = true;
                return null;
            }
            return List.copyOf(subscribers);
        }

        /** Closes this poller; the subscribers that are still open, to be told how it ended. */
        private synchronized List<Subscriber> close() {
            closed = true;
            return List.copyOf(subscribers);
        }

        @Override
        public void run() {
            try {
                follow();
            } catch (RuntimeException e) {
                log.warn("Event streams of run {} failed", runId, e);
                close().forEach(subscriber -> {
                    subscriber.emitter.completeWithError(e);
                    subscriber.end();
                });
            } finally {
                closed();
                pollers.remove(runId, this);
            }
        }

        private synchronized void closed() {
            closed = true;
        }

        private void follow() {
            String last = null;
            ScreenerRun run = null;
            long lastSent = System.nanoTime();
            while (true) {
                List<Subscriber> open = subscribers();
                if (open == null) {
                    return;
                }
                if (drain.getCount() == 0) {
                    reconnect(run, close());
                    return;
                }
                run = runs.find(runId).orElse(null);
                if (run == null) {
                    close().forEach(Subscriber::complete);
                    return;
                }
                String state = run.status() + "/" + run.done() + "/" + run.total() + "/" + run.phase();
                boolean changed = !state.equals(last);
                last = state;
                if (run.status().terminal()) {
                    finish(run, close());
                    return;
                }
                boolean sent = false;
                for (Subscriber subscriber : open) {
                    if (changed || !subscriber.current) {
                        sent |= subscriber.send(progressEvent(run));
                        subscriber.current = true;
                    }
                }
                if (sent) {
                    lastSent = System.nanoTime();
                } else if (System.nanoTime() - lastSent >= KEEPALIVE.toNanos()) {
                    open.forEach(subscriber -> subscriber.send(SseEmitter.event().comment("keepalive")));
                    lastSent = System.nanoTime();
                }
                try {
                    // waits for the next poll, or wakes at once when a stream joins or this instance stops
                    if (wake.tryAcquire(properties.ssePollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        wake.drainPermits();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close().forEach(Subscriber::complete);
                    return;
                }
            }
        }

        /** The last progress (to streams that have not had it yet) and the final event, then the end. */
        private void finish(ScreenerRun run, List<Subscriber> open) {
            for (Subscriber subscriber : open) {
                if (subscriber.send(progressEvent(run))
                        && subscriber.send(SseEmitter.event().name(terminalEvent(run.status())).data(new FinalEvent(runId,
                        run.status(), run.results() == null ? 0 : run.results().size(), run.error(), run.dataAsOf(),
                        ScreenerRunController.links(runId))))) {
                    subscriber.complete();
                }
            }
        }

        private void reconnect(ScreenerRun run, List<Subscriber> open) {
            for (Subscriber subscriber : open) {
                if (subscriber.send(SseEmitter.event().name("reconnect").reconnectTime(RECONNECT_AFTER_MILLIS)
                        .data(new ReconnectEvent(runId, run == null ? null : run.status(),
                                run == null ? null : progress(run), ScreenerRunController.links(runId))))) {
                    subscriber.complete();
                }
            }
        }

        private SseEmitter.SseEventBuilder progressEvent(ScreenerRun run) {
            return SseEmitter.event().name("progress").data(new ProgressEvent(runId, run.status(), progress(run)));
        }
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

    /** Whether this instance follows the run, i.e. has a database poller for it. */
    boolean follows(UUID runId) {
        return pollers.containsKey(runId);
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
        List<RunPoller> open = drain();
        Thread.ofVirtual().name("run-events-drain").start(() -> {
            open.forEach(RunEventStream::awaitEnd);
            callback.run();
        });
    }

    private List<RunPoller> drain() {
        running = false;
        draining.countDown();
        List<RunPoller> open = List.copyOf(pollers.values());
        open.forEach(RunPoller::wake);
        if (!open.isEmpty()) {
            log.info("Shutting down: the event streams of {} run(s) told to reconnect", open.size());
        }
        return open;
    }

    private static void awaitEnd(RunPoller poller) {
        try {
            poller.thread.join();
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

    /** {@code dataAsOf}: the trading date the run was screened on (its {@code asOf}, snapped; or the latest data's). */
    record FinalEvent(UUID runId, RunStatus status, int resultCount, String error, java.time.LocalDate dataAsOf,
                      Map<String, String> links) {
    }

    /** The last event of a stream ended by a shutdown: open {@code links.events} again (any instance serves it). */
    record ReconnectEvent(UUID runId, RunStatus status, ScreenerRunResponse.Progress progress,
                          Map<String, String> links) {
    }
}
