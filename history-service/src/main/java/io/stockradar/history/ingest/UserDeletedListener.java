package io.stockradar.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/** Erases a deleted account's history in one transaction; naturally idempotent. */
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
        int runs = recorder.eraseUser(event.userId());
        ack.acknowledge();
        meters.counter("stockradar.history.events", "topic", Topics.USER_DELETED_V1, "outcome", "erased").increment();
        log.info("Erased the history of deleted user {}: {} runs (event {})", event.userId(), runs, event.eventId());
    }
}
