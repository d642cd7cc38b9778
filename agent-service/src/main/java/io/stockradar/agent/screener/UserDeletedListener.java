package io.stockradar.agent.screener;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.EventProvenance;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * {@code stockradar.user-deleted.v1} (from auth-service, key = user id): erases the user's data here
 * ({@link UserDataEraser}). A record that cannot be read, does not name auth-service as its producer, or whose key
 * is not the payload's user is logged, counted ({@code stockradar.events.rejected}) and skipped: it is never
 * retried, so it cannot block the partition, and it erases nothing. A database failure is retried until it
 * succeeds ({@link ScreenerKafkaConfig#USER_DELETED_FACTORY}).
 */
@Component
class UserDeletedListener {

    static final String ID = "agent-user-deleted";

    private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

    private final UserDataEraser eraser;
    private final JsonMapper json;
    private final MeterRegistry meters;

    UserDeletedListener(UserDataEraser eraser, JsonMapper json, MeterRegistry meters) {
        this.eraser = eraser;
        this.json = json;
        this.meters = meters;
    }

    @KafkaListener(id = ID, groupId = ScreenerKafkaConfig.USER_DELETED_GROUP, topics = Topics.USER_DELETED_V1,
            containerFactory = ScreenerKafkaConfig.USER_DELETED_FACTORY)
    void onUserDeleted(ConsumerRecord<String, String> record) {
        UserDeletedEvent event;
        try {
            event = record.value() == null ? null : json.readValue(record.value(), UserDeletedEvent.class);
        } catch (JacksonException e) {
            reject(record, "unreadable", e.getOriginalMessage());
            return;
        }
        if (event == null || event.userId() == null || event.userId().isBlank()) {
            reject(record, "invalid", "no userId");
            return;
        }
        Optional<String> violation = EventProvenance.violation(record.headers(), record.key(),
                Topics.PRODUCER_AUTH_SERVICE, event.userId());
        if (violation.isPresent()) {
            reject(record, "untrusted", violation.get());
            return;
        }
        int erased = eraser.eraseUser(event.userId());
        meters.counter("stockradar.events.consumed", "topic", Topics.USER_DELETED_V1, "outcome", "erased").increment();
        log.info("Erased the screener runs of deleted user {}: {} run(s) (event {})", event.userId(), erased,
                event.eventId());
    }

    private void reject(ConsumerRecord<String, String> record, String reason, String detail) {
        meters.counter("stockradar.events.rejected", "topic", record.topic(), "reason", reason).increment();
        log.warn("Rejected a {} record (partition {}, offset {}, key {}): {}", record.topic(), record.partition(),
                record.offset(), record.key(), detail);
    }
}
