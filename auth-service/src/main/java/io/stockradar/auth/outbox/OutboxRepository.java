package io.stockradar.auth.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/** Table {@code outbox_event}. */
@Repository
class OutboxRepository {

    /** An event waiting to be published. */
    record PendingEvent(UUID eventId, String topic, String key, int schemaVersion, String payload, int attempts) {
    }

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID eventId, String topic, String key, int schemaVersion, String payload) {
        jdbc.sql("""
                        insert into outbox_event (event_id, topic, event_key, schema_version, payload)
                        values (:id, :topic, :key, :version, :payload)""")
                .param("id", eventId)
                .param("topic", topic)
                .param("key", key)
                .param("version", schemaVersion)
                .param("payload", payload)
                .update();
    }

    /**
     * The oldest unpublished events, locked for this transaction; rows another instance's relay holds are
     * skipped, so instances never publish the same row concurrently.
     */
    List<PendingEvent> lockPending(int limit) {
        return jdbc.sql("""
                        select event_id, topic, event_key, schema_version, payload, attempts from outbox_event
                        where published_at is null
                        order by created_at, event_id
                        limit :limit
                        for update skip locked""")
                .param("limit", limit)
                .query((rs, row) -> new PendingEvent(rs.getObject("event_id", UUID.class), rs.getString("topic"),
                        rs.getString("event_key"), rs.getInt("schema_version"), rs.getString("payload"),
                        rs.getInt("attempts")))
                .list();
    }

    void markPublished(UUID eventId) {
        jdbc.sql("update outbox_event set published_at = now(), attempts = attempts + 1, last_error = null where event_id = :id")
                .param("id", eventId)
                .update();
    }

    void markFailed(UUID eventId, String error) {
        jdbc.sql("update outbox_event set attempts = attempts + 1, last_error = :error where event_id = :id")
                .param("id", eventId)
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .update();
    }

    /** Drops published events older than the retention; returns how many. */
    int deletePublishedBefore(java.time.Instant cutoff) {
        return jdbc.sql("delete from outbox_event where published_at < :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff))
                .update();
    }
}
