package io.stockradar.history.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;

/**
 * Makes the error handler's decisions visible: every failed attempt (the partition is waiting), every
 * record sent to a dead-letter topic, and every dead letter that could not be published (it will be
 * retried). Coordinates and the root cause only; payloads are not logged.
 */
final class DeadLetterLogging implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterLogging.class);

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        log.warn("Attempt {} to process {}-{}@{} failed, retrying: {}", deliveryAttempt, record.topic(),
                record.partition(), record.offset(), ex == null ? "unknown" : IngestKafkaConfig.reason(ex));
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
        log.warn("Attempt {} to process a batch of {} records ({}) failed, retrying the batch: {}", deliveryAttempt,
                records.count(), records.partitions(), ex == null ? "unknown" : IngestKafkaConfig.reason(ex));
    }

    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
        log.error("Sent {}-{}@{} (key {}) to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), record.key(), ex == null ? "unknown" : IngestKafkaConfig.reason(ex));
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.error("Could not dead-letter {}-{}@{}; it will be retried", record.topic(), record.partition(),
                record.offset(), failure);
    }
}
