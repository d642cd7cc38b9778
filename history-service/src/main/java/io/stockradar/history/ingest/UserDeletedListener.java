package io.stockradar.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.EventProvenance;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Erases a deleted account's history in one transaction; naturally idempotent. Only a record from auth-service
 * ({@value Topics#HEADER_PRODUCER}) whose key is the payload's user is trusted; any other is counted
 * ({@code outcome=rejected}), logged and skipped (issue 20).
 */
@Component
class UserDeletedListener {

    static final String ID = "history-user-deleted";

    private static final Logger log = LoggerFactory.getLogger(UserDeletedListener.class);

    private final RunRecorder recorder;
    private final MeterRegistry meters;

    UserDeletedListener(RunRecorder recorder, MeterRegistry meters) {
        this.recorder = recorder;
        this.meters = meters;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.USER_DELETED_V1,
            containerFactory = IngestKafkaConfig.USER_DELETED_FACTORY)
    void onUserDeleted(ConsumerRecord<String, UserDeletedEvent> record, Acknowledgment ack) {
        UserDeletedEvent event = record.value();
        Optional<String> violation = EventProvenance.violation(record.headers(), record.key(),
                Topics.PRODUCER_AUTH_SERVICE, event.userId());
        if (violation.isPresent()) {
            // forged or misrouted: erases nothing, and is never retried (it cannot become valid)
            ack.acknowledge();
            meters.counter("stockradar.history.events", "topic", Topics.USER_DELETED_V1, "outcome", "rejected").increment();
            log.warn("Rejected a user-deleted record ({}-{}@{}, key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), violation.get());
            return;
        }
        int runs = recorder.eraseUser(event.userId());
        ack.acknowledge();
        meters.counter("stockradar.history.events", "topic", Topics.USER_DELETED_V1, "outcome", "erased").increment();
        log.info("Erased the history of deleted user {}: {} runs (event {})", event.userId(), runs, event.eventId());
    }
}
