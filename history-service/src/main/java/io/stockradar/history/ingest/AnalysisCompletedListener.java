package io.stockradar.history.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.EventProvenance;
import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Records finished screener runs a whole Kafka poll at a time (a batch listener):
 * <ol>
 *   <li>Records that could not be read (their value is null and the {@code ErrorHandlingDeserializer}
 *       left the cause in a header: not JSON, contract violated) are set aside as poison.</li>
 *   <li>Records not produced by agent-service ({@value Topics#HEADER_PRODUCER}) or whose key is not the event's
 *       user are rejected: counted ({@code outcome=rejected}), logged and skipped, never stored (issue 20).</li>
 *   <li>All other events are written in ONE transaction ({@link RunRecorder#record}). When the database
 *       rejects the batch (a {@code DataIntegrityViolationException}, e.g. a second event claiming an
 *       already recorded run), the batch is split in halves, each retried in its own transaction, until
 *       the rejected events stand alone: they become poison, every other event is stored. A few poison
 *       events cost O(k log n) transactions, never one per event, and never dead-letter a good one.</li>
 *   <li>Poison records go to {@code <topic>.dlt} through the same {@link DeadLetterPublishingRecoverer}
 *       the error handler uses (original bytes, reason, original topic/partition/offset headers), each
 *       send confirmed by the broker.</li>
 *   <li>Only then is the batch's offset acknowledged. A failure before that (database or broker down)
 *       is thrown to the container's error handler, which retries the same batch with back-off forever;
 *       the retry is harmless because storing is idempotent on the event id.</li>
 * </ol>
 * <b>Tracing.</b> Each record gets its own observation ({@value #OBSERVATION}, a Kafka receiver context
 * like Spring Kafka's record-listener observation) whose parent is the producer's {@code traceparent}
 * header: the trace agent-service started continues here per event. It starts when the batch starts and stops once
 * the batch is committed and acknowledged, so its span covers the event's real storage latency, and the
 * per-event log line is written inside its scope (traceId/spanId in the log). The shared transaction
 * itself gets no extra span.
 */
@Component
class AnalysisCompletedListener {

    static final String ID = "history-analysis-completed";
    /** One per record: a span continuing the producer's trace, and a timer of the record's storage latency. */
    static final String OBSERVATION = "stockradar.history.ingest.record";

    private static final Logger log = LoggerFactory.getLogger(AnalysisCompletedListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(AnalysisCompletedListener.class);

    enum Result { STORED, DUPLICATE, USER_DELETED, RUN_DELETED, DEAD_LETTERED, REJECTED }

    private final RunRecorder recorder;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final ObservationRegistry observations;
    private final Map<Result, Counter> counters = new EnumMap<>(Result.class);
    private final DistributionSummary batchSizes;
    private final Timer storeTimer;

    AnalysisCompletedListener(RunRecorder recorder, DeadLetterPublishingRecoverer deadLetters,
                              ObservationRegistry observations, MeterRegistry meters) {
        this.recorder = recorder;
        this.deadLetters = deadLetters;
        this.observations = observations;
        for (Result result : Result.values()) {
            counters.put(result, meters.counter("stockradar.history.events", "topic", Topics.ANALYSIS_COMPLETED_V1,
                    "outcome", result.name().toLowerCase()));
        }
        this.batchSizes = DistributionSummary.builder("stockradar.history.ingest.batch.size")
                .description("analysis-completed records per listener invocation (one Kafka poll)")
                .register(meters);
        this.storeTimer = Timer.builder("stockradar.history.ingest.batch.store")
                .description("time to store one analysis-completed batch in PostgreSQL (transactions included)")
                .register(meters);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.ANALYSIS_COMPLETED_V1, batch = "true",
            containerFactory = IngestKafkaConfig.ANALYSIS_COMPLETED_FACTORY)
    void onAnalysisCompleted(List<ConsumerRecord<String, AnalysisCompletedEvent>> records, Acknowledgment ack,
                             Consumer<?, ?> consumer) {
        batchSizes.record(records.size());
        String group = consumer.groupMetadata().groupId();
        List<Observation> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<String, AnalysisCompletedEvent> record : records) {
            spans.add(Observation.createNotStarted(OBSERVATION,
                            () -> new KafkaRecordReceiverContext(record, ID, null, group, () -> null), observations)
                    .contextualName(record.topic() + " process")
                    .lowCardinalityKeyValue("messaging.system", "kafka")
                    .lowCardinalityKeyValue("messaging.source.name", record.topic())
                    .lowCardinalityKeyValue("messaging.consumer.group", group)
                    .highCardinalityKeyValue("messaging.kafka.partition", Integer.toString(record.partition()))
                    .highCardinalityKeyValue("messaging.kafka.offset", Long.toString(record.offset()))
                    .start());
        }
        try {
            Result[] results = new Result[records.size()];
            Map<Integer, Exception> poison = new TreeMap<>();
            Map<Integer, String> rejected = new TreeMap<>();
            List<Integer> readable = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, AnalysisCompletedEvent> record = records.get(i);
                DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                        KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
                if (unreadable != null) {
                    poison.put(i, unreadable);
                } else if (record.value() == null) {
                    poison.put(i, new InvalidEventException("Invalid event: the record has no value"));
                } else {
                    Optional<String> violation = EventProvenance.violation(record.headers(), record.key(),
                            Topics.PRODUCER_AGENT_SERVICE, record.value().userId());
                    if (violation.isPresent()) {
                        // forged or misrouted: never stored, never retried (issue 20)
                        results[i] = Result.REJECTED;
                        rejected.put(i, violation.get());
                    } else {
                        readable.add(i);
                    }
                }
            }
            storeTimer.record(() -> store(records, readable, results, poison));
            for (Map.Entry<Integer, Exception> entry : poison.entrySet()) {
                ConsumerRecord<String, AnalysisCompletedEvent> record = records.get(entry.getKey());
                // as the container would have wrapped it for a record listener (the wrapper carries the group
                // header); waits for the broker's acknowledgement and throws (the batch is retried) if it fails
                deadLetters.accept(record, consumer, new ListenerExecutionFailedException(
                        "Listener " + ID + " rejected the record", group, entry.getValue()));
                results[entry.getKey()] = Result.DEAD_LETTERED;
            }
            ack.acknowledge();
            Map<Result, Integer> counts = new EnumMap<>(Result.class);
            for (int i = 0; i < records.size(); i++) {
                counts.merge(results[i], 1, Integer::sum);
                Observation span = spans.get(i);
                span.lowCardinalityKeyValue("outcome", results[i].name().toLowerCase());
                try (Observation.Scope scope = span.openScope()) {
                    logOutcome(records.get(i), results[i], poison.get(i), rejected.get(i));
                }
            }
            counts.forEach((result, count) -> counters.get(result).increment(count));
        } catch (RuntimeException e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Observation::stop);
        }
    }

    /** Stores {@code indices} in one transaction, or, when the database rejects one of them, in halves. */
    private void store(List<ConsumerRecord<String, AnalysisCompletedEvent>> records, List<Integer> indices,
                       Result[] results, Map<Integer, Exception> poison) {
        if (indices.isEmpty()) {
            return;
        }
        try {
            List<RunRecorder.Outcome> outcomes = recorder.record(indices.stream().map(i -> records.get(i).value())
                    .toList());
            for (int i = 0; i < indices.size(); i++) {
                results[indices.get(i)] = Result.valueOf(outcomes.get(i).name());
            }
        } catch (DataIntegrityViolationException e) {
            if (indices.size() == 1) {
                poison.put(indices.getFirst(), e);
                return;
            }
            int half = indices.size() / 2;
            store(records, indices.subList(0, half), results, poison);
            store(records, indices.subList(half, indices.size()), results, poison);
        }
    }

    private static void logOutcome(ConsumerRecord<String, AnalysisCompletedEvent> record, Result result,
                                   Exception reason, String rejection) {
        AnalysisCompletedEvent event = record.value();
        switch (result) {
            case STORED -> log.info("Recorded run {} of user {} with {} results (event {}, {}-{}@{})",
                    event.runId(), event.userId(), event.results().size(), event.eventId(),
                    record.topic(), record.partition(), record.offset());
            case DUPLICATE -> log.info("Skipped event {} of run {}: already recorded", event.eventId(), event.runId());
            case USER_DELETED -> log.info("Dropped event {} of run {}: user {} was deleted",
                    event.eventId(), event.runId(), event.userId());
            case RUN_DELETED -> log.info("Dropped event {} of run {}: the run was deleted by its user",
                    event.eventId(), event.runId());
            case REJECTED -> log.warn("Rejected {}-{}@{} (key {}, run {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), event.runId(), rejection);
            case DEAD_LETTERED -> log.error("Sent {}-{}@{} (key {}) to the dead-letter topic: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), IngestKafkaConfig.reason(reason));
        }
    }
}
