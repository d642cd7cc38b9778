package io.stockradar.history.ingest;

import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import io.stockradar.testsupport.Kafka;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Kafka is how history is fed, not how it is served: a broker outage must not take the API down. */
class KafkaOutageIntegrationTests extends HistoryIntegrationTestSupport {

    private final Kafka kafka = SharedInfrastructure.kafka();

    @AfterEach
    void restoreBroker() {
        if (!kafka.isRunning()) {
            kafka.start();
        }
    }

    @Test
    void servesHistoryDuringABrokerOutageAndCatchesUpAfterIt() {
        String user = newUser();
        AnalysisCompletedEvent before = TestEvents.analysisCompleted(user, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(before));
        awaitRun(before.runId());

        kafka.stop();
        assertThat(getJson("/api/history", TestJwts.token(user)).get("items")).hasSize(1);
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        kafka.start();

        AnalysisCompletedEvent after = TestEvents.analysisCompleted(user, 2);
        send(Topics.ANALYSIS_COMPLETED_V1, user, TestEvents.json(after));
        awaitRun(after.runId());
        assertThat(getJson("/api/history", TestJwts.token(user)).get("items")).hasSize(2);
    }
}
