package io.stockradar.history.ingest;

import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.function.Function;

/**
 * Reads an event's JSON and checks it against the contract in one step. Wrapped in Spring Kafka's
 * {@code ErrorHandlingDeserializer}, anything thrown here (malformed JSON, a missing required field)
 * becomes a {@code DeserializationException} that goes straight to the dead-letter topic with the
 * record's original bytes, without retries and without blocking the partition.
 */
final class ValidatingJsonDeserializer<T> implements Deserializer<T> {

    private final JsonMapper json;
    private final Class<T> type;
    private final Function<T, List<String>> validator;

    ValidatingJsonDeserializer(JsonMapper json, Class<T> type, Function<T, List<String>> validator) {
        this.json = json;
        this.type = type;
        this.validator = validator;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            throw new InvalidEventException("Invalid event: the record has no value");
        }
        T event = json.readValue(data, type);
        if (event == null) {
            throw new InvalidEventException("Invalid event: the value is JSON null");
        }
        List<String> violations = validator.apply(event);
        if (!violations.isEmpty()) {
            throw InvalidEventException.of(violations);
        }
        return event;
    }
}
