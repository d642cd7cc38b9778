package io.stockradar.agent.outbox;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Appends an event to the outbox. It must join the caller's transaction (the business change and its
 * event commit or roll back together), so it refuses to run without one.
 */
@Component
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_event (id, topic, message_key, payload, created_at, next_attempt_at, partition_hint)
            VALUES (:id, :topic, :key, :payload, :now, :now, :hint)
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper jsonMapper;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OutboxWriter(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper jsonMapper, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.jsonMapper = jsonMapper;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /** Stores {@code event} as JSON for {@code topic} with {@code key}; the relay publishes it after commit. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID eventId, String topic, String key, Object event) {
        append(eventId, topic, key, event, null);
    }

    /**
     * As {@link #append(UUID, String, String, Object)}, sent to partition {@code partitionHint % partitions}
     * of the topic instead of the key's hash partition: spreads the records of one key (the chunks of one run)
     * over every partition, so every consumer of the group gets a share. {@code null} = by key.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID eventId, String topic, String key, Object event, Integer partitionHint) {
        Instant now = clock.instant();
        jdbc.sql(INSERT)
                .param("id", eventId)
                .param("topic", topic)
                .param("key", key)
                .param("payload", jsonMapper.writeValueAsString(event))
                .param("now", Timestamp.from(now))
                .param("hint", partitionHint, java.sql.Types.INTEGER)
                .update();
        // after commit the relay starts a pass at once instead of waiting for its next poll
        events.publishEvent(new OutboxAppended(eventId));
    }

    /**
     * Appends several events for one topic in a single JDBC batch (one round trip instead of one per event),
     * e.g. the chunks of a prepared run. Same guarantees as {@link #append(UUID, String, String, Object, Integer)}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(String topic, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        SqlParameterSource[] rows = new SqlParameterSource[messages.size()];
        for (int i = 0; i < rows.length; i++) {
            Message message = messages.get(i);
            rows[i] = new MapSqlParameterSource()
                    .addValue("id", message.eventId())
                    .addValue("topic", topic)
                    .addValue("key", message.key())
                    .addValue("payload", jsonMapper.writeValueAsString(message.event()))
                    // one microsecond apart (PostgreSQL's resolution): the relay's (created_at, id) order is the list's
                    .addValue("now", Timestamp.from(now.plus(i, ChronoUnit.MICROS)))
                    .addValue("hint", message.partitionHint(), java.sql.Types.INTEGER);
        }
        batch.batchUpdate(INSERT, rows);
        events.publishEvent(new OutboxAppended(messages.getFirst().eventId()));
    }

    /**
     * Deletes the rows of {@code topic} with one of {@code keys}, published or not (a deleted user's events:
     * an unpublished one is then never sent). Returns how many were deleted.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int deleteByKeys(String topic, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM outbox_event WHERE topic = :topic AND message_key IN (:keys)")
                .param("topic", topic).param("keys", keys).update();
    }

    /** One event of {@link #appendAll}; {@code partitionHint} as in {@link #append(UUID, String, String, Object, Integer)}. */
    public record Message(UUID eventId, String key, Object event, Integer partitionHint) {
    }

    /** Published inside the appending transaction; the relay reacts after commit. */
    record OutboxAppended(UUID eventId) {
    }
}
