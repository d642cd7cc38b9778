package io.stockradar.agent.instance;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chunk analyses running on this instance now. The heartbeat publishes how long the oldest has been running
 * ({@code agent_instance.busy_since}), so a run's owner can tell a consumer that hangs from consumers that are
 * merely busy with a backlog: only the first is a reason to analyse the run's chunks a second time.
 */
@Component
public class InFlightWork {

    private final ConcurrentHashMap<Started, Long> started = new ConcurrentHashMap<>();

    /** Marks one piece of work as running until the returned handle is closed. */
    public Started start() {
        Started work = new Started();
        started.put(work, System.nanoTime());
        return work;
    }

    /** How long the oldest running piece of work has been running; empty when none is. */
    Optional<Duration> oldest() {
        long now = System.nanoTime();
        return started.values().stream().min(Long::compare).map(since -> Duration.ofNanos(now - since));
    }

    /** A running piece of work; {@link #close()} when it ends, however it ends. */
    public final class Started implements AutoCloseable {

        private Started() {
        }

        @Override
        public void close() {
            started.remove(this);
        }
    }
}
