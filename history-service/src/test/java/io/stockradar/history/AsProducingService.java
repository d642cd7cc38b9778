package io.stockradar.history;

import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Test producers' interceptor: a record to a topic without a {@value Topics#HEADER_PRODUCER} header gets the one its
 * real producer sends (agent-service for analysis-completed, auth-service for user-deleted), as the consumers only
 * accept those. Tests of forged records use a producer without it.
 */
public class AsProducingService implements ProducerInterceptor<Object, Object> {

    private static final Map<String, String> PRODUCERS = Map.of(
            Topics.ANALYSIS_COMPLETED_V1, Topics.PRODUCER_AGENT_SERVICE,
            Topics.USER_DELETED_V1, Topics.PRODUCER_AUTH_SERVICE);

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        String producer = PRODUCERS.get(record.topic());
        if (producer != null && record.headers().lastHeader(Topics.HEADER_PRODUCER) == null) {
            record.headers().add(Topics.HEADER_PRODUCER, producer.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
