package io.stockradar.agent.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Appends an event to the outbox. It must join the caller's transaction (the business change and its
 * event commit or roll back together), so it refuses to run without one.
 */
@Component
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;
    private final Clock clock;

    OutboxWriter(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.clock = Clock.systemUTC();
    }

    /** Stores {@code event} as JSON for {@code topic} with {@code key}; the relay publishes it after commit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID eventId, String topic, String key, Object event) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO outbox_event (id, topic, message_key, payload, created_at, next_attempt_at)
                        VALUES (:id, :topic, :key, :payload, :now, :now)
                        """)
                .param("id", eventId)
                .param("topic", topic)
                .param("key", key)
                .param("payload", jsonMapper.writeValueAsString(event))
                .param("now", Timestamp.from(now))
                .update();
    }
}
