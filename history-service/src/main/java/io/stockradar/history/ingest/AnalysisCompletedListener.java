package io.stockradar.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Records each finished screener run. The offset is acknowledged only after the run's transaction has
 * committed, so a crash in between redelivers the event, and the database constraint on its id turns
 * the redelivery into a no-op. One event per record keeps the trace that agent-service started (the
 * listener observation is scoped around this method); the results within a run are batch-inserted.
 */
@Component
class AnalysisCompletedListener {

    static final String ID = "history-analysis-completed";

    private static final Logger log = LoggerFactory.getLogger(AnalysisCompletedListener.class);

    private final RunRecorder recorder;
    private final MeterRegistry meters;

    AnalysisCompletedListener(RunRecorder recorder, MeterRegistry meters) {
        this.recorder = recorder;
        this.meters = meters;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.ANALYSIS_COMPLETED_V1,
            containerFactory = IngestKafkaConfig.ANALYSIS_COMPLETED_FACTORY)
    void onAnalysisCompleted(ConsumerRecord<String, AnalysisCompletedEvent> record, Acknowledgment ack) {
        AnalysisCompletedEvent event = record.value();
        RunRecorder.Outcome outcome = recorder.record(event);
        ack.acknowledge();
        meters.counter("stockradar.history.events", "topic", Topics.ANALYSIS_COMPLETED_V1,
                "outcome", outcome.name().toLowerCase()).increment();
        switch (outcome) {
            case STORED -> log.info("Recorded run {} of user {} with {} results (event {}, {}-{}@{})",
                    event.runId(), event.userId(), event.results().size(), event.eventId(),
                    record.topic(), record.partition(), record.offset());
            case DUPLICATE -> log.info("Skipped event {} of run {}: already recorded", event.eventId(), event.runId());
            case USER_DELETED -> log.info("Dropped event {} of run {}: user {} was deleted",
                    event.eventId(), event.runId(), event.userId());
        }
    }
}
