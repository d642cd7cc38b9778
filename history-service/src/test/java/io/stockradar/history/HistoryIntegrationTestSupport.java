package io.stockradar.history;

import io.stockradar.common.event.Topics;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The whole service on real PostgreSQL and a real Kafka broker (from test-support), called over HTTP
 * with tokens the real decoder validates. Every test works with its own random user ids, so test
 * classes share one application context and one database without seeing each other's runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class HistoryIntegrationTestSupport {

    protected static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(45);

    private static KafkaTemplate<String, String> producer;

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected RestTestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.postgres().register(registry, "history");
        SharedInfrastructure.kafka().register(registry);
        createTopics(Topics.ANALYSIS_COMPLETED_V1, Topics.USER_DELETED_V1);
        registry.add("stockradar.security.jwt.issuer", () -> TestJwts.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestJwts::jwkSetUri);
        registry.add("stockradar.history.consumer.retry-initial-interval", () -> "200ms");
        registry.add("stockradar.history.consumer.retry-max-interval", () -> "2s");
        registry.add("stockradar.history.scorecard.market-data.base-url", TestMarketData::baseUrl);
        registry.add("spring.security.oauth2.client.provider.stockradar.token-uri", TestMarketData::tokenUri);
        registry.add("spring.security.oauth2.client.registration.market-data.client-secret",
                () -> TestMarketData.CLIENT_SECRET);
        // every pending pick's symbols in one bars request, so tests know which picks a failed request hits
        registry.add("stockradar.history.scorecard.symbols-per-request", () -> "1000");
        // scheduled jobs run only when a test calls them
        registry.add("stockradar.history.scorecard.cron", () -> "-");
        registry.add("stockradar.history.retention-purge.cron", () -> "-");
    }

    @BeforeEach
    void httpClient() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    protected static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    /** Publishes {@code value} as agent-service would: key = user id, JSON text value. */
    protected static RecordMetadata send(String topic, String key, String value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    protected static RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS).getRecordMetadata();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + record.topic(), e);
        }
    }

    protected JsonNode getJson(String path, String token) {
        String body = http.get().uri(path).header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return TestEvents.JSON.readTree(body);
    }

    protected int runsOf(String userId) {
        return jdbc.sql("SELECT count(*) FROM analysis_run WHERE user_id = :userId").param("userId", userId)
                .query(Integer.class).single();
    }

    protected boolean runExists(UUID runId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM analysis_run WHERE run_id = :runId)").param("runId", runId)
                .query(Boolean.class).single();
    }

    protected void awaitRun(UUID runId) {
        await().atMost(KAFKA_TIMEOUT).until(() -> runExists(runId));
    }

    /** Reads {@code topic} from the beginning until a record matching {@code match} arrives. */
    protected static ConsumerRecord<String, byte[]> awaitRecord(String topic,
                                                                Predicate<ConsumerRecord<String, byte[]>> match) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(KAFKA_TIMEOUT).until(() -> {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList();
                    if (partitions.isEmpty()) {
                        return false;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (match.test(record)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static synchronized KafkaTemplate<String, String> producer() {
        if (producer == null) {
            producer = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, AsProducingService.class.getName())));
        }
        return producer;
    }

    private static void createTopics(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer", e);
        }
    }
}
