package io.stockradar.testsupport;

import org.junit.jupiter.api.Test;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedInfrastructureIntegrationTests {

    @Test
    void postgresIsARealVersion17ServerThatCreatesDatabases() throws Exception {
        Postgres postgres = SharedInfrastructure.postgres();
        postgres.createDatabase("probe");
        postgres.createDatabase("probe");
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("probe"), postgres.username(), postgres.password());
             ResultSet rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(rs.getInt(1)).isBetween(170000, 179999);
        }
        assertThat(SharedInfrastructure.postgres()).isSameAs(postgres);
    }

    @Test
    void redisAnswersAndCanBeTakenDownAndBroughtBack() throws Exception {
        Redis redis = SharedInfrastructure.redis();
        assertThat(ping(redis)).isEqualTo("+PONG");
        redis.stop();
        assertThat(redis.isRunning()).isFalse();
        assertThatThrownBy(() -> ping(redis)).isInstanceOf(IOException.class);
        redis.start();
        assertThat(ping(redis)).isEqualTo("+PONG");
    }

    @Test
    void kafkaAcceptsRecordsAndSurvivesAStopStartCycle() throws Exception {
        Kafka kafka = SharedInfrastructure.kafka();
        assertThat(send(kafka, "probe")).isGreaterThanOrEqualTo(0);
        kafka.stop();
        assertThat(kafka.isRunning()).isFalse();
        assertThatThrownBy(() -> send(kafka, "probe", 3_000)).hasRootCauseInstanceOf(
                org.apache.kafka.common.errors.TimeoutException.class);
        kafka.start();
        assertThat(send(kafka, "probe-after-restart")).isGreaterThanOrEqualTo(0);
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    private static long send(Kafka kafka, String topic) throws Exception {
        return send(kafka, topic, 30_000);
    }

    private static long send(Kafka kafka, String topic, int timeoutMs) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs, ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(topic, "k", "v")).get(timeoutMs * 2L, TimeUnit.MILLISECONDS).offset();
        }
    }

    private static String ping(Redis redis) throws IOException {
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
