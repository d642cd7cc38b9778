package io.stockradar.auth.outbox;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * Records events to publish, in the caller's transaction (transactional outbox): the event exists if and
 * only if the change it describes committed. {@link OutboxRelay} publishes it to Kafka afterwards.
 */
@Component
public class Outbox {

    private final OutboxRepository repository;
    private final JsonMapper json;

    Outbox(OutboxRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /**
     * Adds an event for {@code topic} with Kafka key {@code key}; it is serialised to JSON now, so what is
     * published is exactly what was committed. Must run inside a transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String topic, String key, UUID eventId, int schemaVersion, Object event) {
        repository.insert(eventId, topic, key, schemaVersion, json.writeValueAsString(event));
    }
}
