package io.stockradar.gateway.loadbalancing;

import io.stockradar.gateway.config.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances that just refused a connection, skipped by the load balancer for a short quarantine.
 *
 * <p>The active health check only notices a dead instance at its next probe (every few seconds); until
 * then round robin would keep sending it every other request. A refused connection is proof enough to
 * stop choosing it right away (passive eviction). When the quarantine ends the instance is eligible again;
 * the health check decides from then on.
 */
@Component
class UnreachableInstances {

    private static final Logger log = LoggerFactory.getLogger(UnreachableInstances.class);

    private final Map<String, Instant> quarantinedUntil = new ConcurrentHashMap<>();
    private final Duration quarantine;
    private final Clock clock;

    @Autowired
    UnreachableInstances(GatewayProperties properties) {
        this(properties.unreachableQuarantine(), Clock.systemUTC());
    }

    UnreachableInstances(Duration quarantine, Clock clock) {
        this.quarantine = quarantine;
        this.clock = clock;
    }

    void markUnreachable(ServiceInstance instance) {
        String key = key(instance);
        if (quarantinedUntil.put(key, clock.instant().plus(quarantine)) == null) {
            log.warn("Instance {} refused a connection; skipping it for {}", key, quarantine);
        }
    }

    boolean isQuarantined(ServiceInstance instance) {
        String key = key(instance);
        Instant until = quarantinedUntil.get(key);
        if (until == null) {
            return false;
        }
        if (clock.instant().isBefore(until)) {
            return true;
        }
        quarantinedUntil.remove(key, until);
        return false;
    }

    /** Whether any instance is (or was until just now) in quarantine: lets the common case skip the look-ups. */
    boolean anyQuarantined() {
        return !quarantinedUntil.isEmpty();
    }

    static String key(ServiceInstance instance) {
        return instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
    }
}
