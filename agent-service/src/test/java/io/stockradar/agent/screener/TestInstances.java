package io.stockradar.agent.screener;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Heartbeat rows ({@code agent_instance}) for the made-up instances that own the runs tests fabricate. */
final class TestInstances {

    private TestInstances() {
    }

    /** Alive for as long as any test runs (seen at "infinity"): its runs are never taken over. */
    static void alive(JdbcClient jdbc, String instanceId) {
        upsert(jdbc, instanceId, "'-infinity'", "'infinity'");
    }

    /** Alive now; stale once {@code stockradar.liveness.stale-after} passes without another beat. */
    static void beat(JdbcClient jdbc, String instanceId) {
        upsert(jdbc, instanceId, "'-infinity'", "now()");
    }

    /** Last seen an hour ago. */
    static void dead(JdbcClient jdbc, String instanceId) {
        upsert(jdbc, instanceId, "'-infinity'", "now() - interval '1 hour'");
    }

    /** Last seen {@code ago} (a PostgreSQL interval, e.g. {@code 2 days}): gone for good. */
    static void goneFor(JdbcClient jdbc, String instanceId, String ago) {
        if (!ago.matches("[0-9]+ [a-z]+")) {
            throw new IllegalArgumentException("Not an interval: " + ago);
        }
        upsert(jdbc, instanceId, "'-infinity'", "now() - interval '" + ago + "'");
    }

    static boolean exists(JdbcClient jdbc, String instanceId) {
        return jdbc.sql("SELECT count(*) FROM agent_instance WHERE instance_id = :id").param("id", instanceId)
                .query(Long.class).single() > 0;
    }

    private static void upsert(JdbcClient jdbc, String instanceId, String startedAt, String lastSeenAt) {
        jdbc.sql("INSERT INTO agent_instance (instance_id, started_at, last_seen_at) VALUES (:id, " + startedAt + ", "
                        + lastSeenAt + ") ON CONFLICT (instance_id) DO UPDATE SET started_at = EXCLUDED.started_at, "
                        + "last_seen_at = EXCLUDED.last_seen_at")
                .param("id", instanceId).update();
    }
}
