package io.stockradar.common.event;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a consumed record may be trusted: it names the topic's producing service in {@value Topics#HEADER_PRODUCER}
 * and its key is the key its payload implies (the user id of a {@link UserDeletedEvent}, of an
 * {@link AnalysisCompletedEvent}). A record failing either is not processed: consumers log it, count it and skip
 * it (retrying cannot make it valid). Real enforcement is the cluster's ACLs: see {@link Topics#HEADER_PRODUCER}.
 */
public final class EventProvenance {

    private EventProvenance() {
    }

    /**
     * Why the record must not be trusted, or empty.
     *
     * @param headers          the record's headers
     * @param key              the record's key
     * @param expectedProducer the topic's producing service, e.g. {@link Topics#PRODUCER_AUTH_SERVICE}
     * @param keyOfPayload     the key the payload implies, e.g. the event's {@code userId}
     */
    public static Optional<String> violation(Headers headers, String key, String expectedProducer, String keyOfPayload) {
        String producer = producer(headers);
        if (!expectedProducer.equals(producer)) {
            return Optional.of(producer == null
                    ? "no " + Topics.HEADER_PRODUCER + " header (expected " + expectedProducer + ")"
                    : "produced by " + producer + ", not " + expectedProducer);
        }
        if (key == null || !Objects.equals(key, keyOfPayload)) {
            return Optional.of("record key " + (key == null ? "missing" : "'" + key + "'")
                    + " does not match the payload's '" + keyOfPayload + "'");
        }
        return Optional.empty();
    }

    /** The last {@value Topics#HEADER_PRODUCER} header's value, or null. */
    public static String producer(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(Topics.HEADER_PRODUCER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
