package io.stockradar.common.health;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorTest {

    @Test
    void aBrokerThatDoesNotAnswerIsDownAndTheVerdictIsReusedForItsPeriod() throws IOException {
        try (KafkaHealthIndicator kafka = new KafkaHealthIndicator(config(closedPort()),
                new DependencyHealthProperties.Kafka(Duration.ofMillis(300), Duration.ofHours(1)))) {
            Health first = kafka.health();

            assertThat(first.getStatus()).isEqualTo(Status.DOWN);
            assertThat(first.getDetails()).containsKey("error");
            assertThat(kafka.health()).isSameAs(first);
        }
    }

    @Test
    void withoutReuseEveryCallChecksAgain() throws IOException {
        try (KafkaHealthIndicator kafka = new KafkaHealthIndicator(config(closedPort()),
                new DependencyHealthProperties.Kafka(Duration.ofMillis(300), Duration.ZERO))) {
            Health first = kafka.health();

            assertThat(kafka.health()).isNotSameAs(first).extracting(Health::getStatus).isEqualTo(Status.DOWN);
        }
    }

    private static Map<String, Object> config(int port) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
