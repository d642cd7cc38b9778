package io.stockradar.agent.instance;

import io.stockradar.agent.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The heartbeat tells the other instances how long this one's oldest chunk analysis has been running. */
class InstanceHeartbeatIntegrationTests extends IntegrationTestSupport {

    @Autowired
    InstanceHeartbeat heartbeat;

    @Autowired
    InFlightWork work;

    @Autowired
    InstanceProperties instance;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theRowCarriesTheStartOfTheOldestWorkInFlightAndNothingOnceItEnded() {
        Timestamp before = jdbc.sql("SELECT now()").query(Timestamp.class).single();
        try (InFlightWork.Started first = work.start(); InFlightWork.Started second = work.start()) {
            heartbeat.beat();

            assertThat(busySince()).hasValueSatisfying(since -> assertThat(since).isBetween(
                    new Timestamp(before.getTime() - 1_000), jdbc.sql("SELECT now()").query(Timestamp.class).single()));
        }
        heartbeat.beat();

        assertThat(busySince()).isEmpty();
    }

    private Optional<Timestamp> busySince() {
        return Optional.ofNullable(jdbc.sql("SELECT busy_since FROM agent_instance WHERE instance_id = :id")
                .param("id", instance.instanceId()).query(Timestamp.class).optional().orElse(null));
    }
}
