package io.stockradar.common.event;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventProvenanceTest {

    private static RecordHeaders producedBy(String producer) {
        RecordHeaders headers = new RecordHeaders();
        if (producer != null) {
            headers.add(Topics.HEADER_PRODUCER, producer.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    @Test
    void trustsARecordOfItsProducerWhoseKeyMatchesThePayload() {
        assertThat(EventProvenance.violation(producedBy("auth-service"), "u1", Topics.PRODUCER_AUTH_SERVICE, "u1")).isEmpty();
    }

    @Test
    void rejectsAKeyThatIsNotThePayloadsUser() {
        assertThat(EventProvenance.violation(producedBy("auth-service"), "u1", Topics.PRODUCER_AUTH_SERVICE, "victim"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'u1'").contains("'victim'"));
        assertThat(EventProvenance.violation(producedBy("auth-service"), null, Topics.PRODUCER_AUTH_SERVICE, "victim"))
                .isPresent();
    }

    @Test
    void rejectsARecordWithoutOrFromAnotherProducer() {
        assertThat(EventProvenance.violation(producedBy(null), "u1", Topics.PRODUCER_AUTH_SERVICE, "u1"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no stockradar-producer header"));
        assertThat(EventProvenance.violation(producedBy("history-service"), "u1", Topics.PRODUCER_AUTH_SERVICE, "u1"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("history-service"));
    }

    @Test
    void theLastProducerHeaderCounts() {
        RecordHeaders headers = producedBy("history-service");
        headers.add(Topics.HEADER_PRODUCER, "auth-service".getBytes(StandardCharsets.UTF_8));
        assertThat(EventProvenance.producer(headers)).isEqualTo("auth-service");
    }
}
