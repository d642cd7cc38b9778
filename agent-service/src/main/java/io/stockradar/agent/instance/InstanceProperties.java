package io.stockradar.agent.instance;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who this process is, and how instances tell each other they are alive ({@code stockradar.instance-id},
 * {@code stockradar.liveness.*}). Bound once, so every bean sees the same id even when it was generated.
 *
 * @param instanceId owner of the runs this instance accepts, {@code X-Served-By}, {@code processed_by}; unique per
 *                   running process. Kubernetes sets {@code INSTANCE_ID} from the pod name; when unset it is
 *                   {@code agent-service:<hostname>-<random>}, never the same on two replicas (replicas started
 *                   from one template share every environment variable, so no shared default can be unique)
 * @param liveness   the heartbeat that lets a survivor take over the runs of a dead instance
 */
@ConfigurationProperties("stockradar")
public record InstanceProperties(String instanceId, Liveness liveness) {

    static final String APPLICATION = "agent-service";

    public InstanceProperties {
        instanceId = instanceId == null || instanceId.isBlank() ? generatedId() : instanceId.strip();
        liveness = liveness == null ? new Liveness(null, null, null) : liveness;
    }

    /**
     * @param heartbeatInterval how often an instance records that it is alive (and looks for runs to take over)
     * @param staleAfter        an instance silent for this long is dead: a survivor takes over its runs
     * @param forgetAfter       the row of an instance silent this long is deleted once it owns no unfinished run
     *                          (pods get new names on every restart, so rows would otherwise accumulate); long
     *                          enough that a row never goes while its instance could still come back
     */
    public record Liveness(Duration heartbeatInterval, Duration staleAfter, Duration forgetAfter) {

        public Liveness {
            heartbeatInterval = heartbeatInterval == null ? Duration.ofSeconds(1) : heartbeatInterval;
            staleAfter = staleAfter == null ? Duration.ofSeconds(4) : staleAfter;
            forgetAfter = forgetAfter == null ? Duration.ofDays(1) : forgetAfter;
            if (staleAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("stockradar.liveness.stale-after (" + staleAfter
                        + ") must be at least twice the heartbeat interval (" + heartbeatInterval + ")");
            }
            if (forgetAfter.compareTo(staleAfter) <= 0) {
                throw new IllegalArgumentException("stockradar.liveness.forget-after (" + forgetAfter
                        + ") must be longer than stale-after (" + staleAfter + ")");
            }
        }
    }

    /**
     * {@code agent-service:<hostname>-<6 hex digits>} ({@code X-Served-By}'s {@code <application>:<instance>}): the
     * host names the container or pod, the suffix the process.
     */
    static String generatedId() {
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return APPLICATION + ":" + hostname() + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String hostname() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
