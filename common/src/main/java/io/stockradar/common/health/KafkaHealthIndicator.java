package io.stockradar.common.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code kafka} in /actuator/health: UP when the cluster answers a describe-cluster request within
 * {@code stockradar.health.kafka.timeout}. Spring Boot 4 has no Kafka health indicator. One admin client for the
 * life of the service (a client per check would open connections and threads each time), and one verdict reused
 * for {@code reuse-for}, so frequent probes and scrapes cost at most one broker request per period.
 */
public final class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final Duration reuseFor;
    private Admin admin;
    private Health last;
    private long checkedAt;

    /** {@code adminConfig}: the service's Kafka admin settings (bootstrap servers, security), e.g. KafkaAdmin's. */
    public KafkaHealthIndicator(Map<String, Object> adminConfig, DependencyHealthProperties.Kafka settings) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeout = settings.timeout();
        this.reuseFor = settings.reuseFor();
    }

    @Override
    public synchronized Health health() {
        if (last == null || System.nanoTime() - checkedAt >= reuseFor.toNanos()) {
            last = check();
            checkedAt = System.nanoTime();
        }
        return last;
    }

    private Health check() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", String.valueOf(clusterId)).withDetail("nodes", nodes).build();
        } catch (ExecutionException e) {
            return down(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            return down("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (KafkaException e) {
            return down(e.toString());
        }
    }

    private static Health down(String error) {
        return Health.down().withDetail("error", error).build();
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> config = new HashMap<>(adminConfig);
            int millis = (int) timeout.toMillis();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            config.merge(AdminClientConfig.CLIENT_ID_CONFIG, "health", (id, suffix) -> id + "-" + suffix);
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }
}
