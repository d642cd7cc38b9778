package io.stockradar.agent.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * This instance's row in {@code agent_instance}: written before the application accepts requests, its
 * {@code last_seen_at} refreshed every {@code stockradar.liveness.heartbeat-interval}, deleted on a graceful
 * shutdown. All times are the database's clock, so instances never compare their own clocks.
 *
 * <p>{@code started_at} is this process's start: a run its owner accepted before that (same instance id, an
 * earlier process: a restarted pod) belongs to a life that ended, and is taken over like a dead instance's run.
 */
@Component
class InstanceHeartbeat implements SmartInitializingSingleton, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

    private final JdbcClient jdbc;
    private final InFlightWork work;
    private final String instanceId;
    private final Duration heartbeatInterval;
    private final Duration staleAfter;
    private final Object lock = new Object();
    private boolean stopped;

    InstanceHeartbeat(JdbcClient jdbc, InstanceProperties properties, InFlightWork work) {
        this.jdbc = jdbc;
        this.work = work;
        this.instanceId = properties.instanceId();
        this.heartbeatInterval = properties.liveness().heartbeatInterval();
        this.staleAfter = properties.liveness().staleAfter();
    }

    /** Before the web server and the Kafka listeners start: every run this process accepts is owned by a live row. */
    @Override
    public void afterSingletonsInstantiated() {
        Instant previous = jdbc.sql("SELECT last_seen_at FROM agent_instance WHERE instance_id = :id")
                .param("id", instanceId).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        jdbc.sql("""
                        INSERT INTO agent_instance (instance_id, started_at, last_seen_at) VALUES (:id, now(), now())
                        ON CONFLICT (instance_id) DO UPDATE SET started_at = now(), last_seen_at = now()
                        """)
                .param("id", instanceId).update();
        if (previous != null && previous.isAfter(Instant.now().minus(staleAfter))) {
            log.warn("Instance id {} was seen alive {} ago: a restart of this instance, or another live process with the "
                    + "same INSTANCE_ID (its runs would be taken over by this one)", instanceId,
                    Duration.between(previous, Instant.now()));
        }
        log.info("Instance {} started (heartbeat every {}, presumed dead after {})", instanceId,
                heartbeatInterval, staleAfter);
    }

    @Scheduled(fixedDelayString = "${stockradar.liveness.heartbeat-interval:1s}",
            initialDelayString = "${stockradar.liveness.heartbeat-interval:1s}")
    void beat() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                // an upsert: a row deleted meanwhile (an operator, a test) is written again, keeping started_at
                // busy_since from this process's monotonic clock, placed on the database's: no clocks compared
                jdbc.sql("""
                                INSERT INTO agent_instance (instance_id, started_at, last_seen_at, busy_since)
                                VALUES (:id, now(), now(), now() - :busyMillis * interval '1 millisecond')
                                ON CONFLICT (instance_id) DO UPDATE SET last_seen_at = now(),
                                    busy_since = EXCLUDED.busy_since
                                """)
                        .param("id", instanceId)
                        .param("busyMillis", work.oldest().map(Duration::toMillis).orElse(null), java.sql.Types.BIGINT)
                        .update();
            } catch (RuntimeException e) {
                log.warn("Heartbeat of {} not recorded: {}", instanceId, e.getMessage());
            }
        }
    }

    /** Graceful shutdown: without our row, survivors take over what we still own at their next look, not after staleAfter. */
    @Override
    public void destroy() {
        synchronized (lock) {
            stopped = true;
            try {
                jdbc.sql("DELETE FROM agent_instance WHERE instance_id = :id").param("id", instanceId).update();
                log.info("Instance {} left: survivors take over its unfinished runs", instanceId);
            } catch (RuntimeException e) {
                log.warn("Could not remove the heartbeat of {}: its runs are taken over once it is stale", instanceId);
            }
        }
    }
}
