package io.stockradar.agent.screener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20, Kafka events trusted blindly: a user-deleted event from auth-service (key = the user) erases everything
 * agent-service holds of that user and nobody else's; a forged one (key not the payload's user, no or another
 * producer) erases nothing, is counted and skipped without blocking its partition; a chunk message that agent-service
 * did not produce is not analysed; finished runs expire.
 */
class UserDeletedIntegrationTests extends IntegrationTestSupport {

    private static final String OWNER = "agent-erasure-owner";
    private static KafkaProducer<String, String> producer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    UserDataEraser eraser;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MarketDataService marketData;

    @Autowired
    ScreenerEngine engine;

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @BeforeAll
    static void kafka() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.USER_DELETED_V1, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aUserDeletedEventFromAuthServiceErasesEverythingOfThatUserAndNothingElse() throws Exception {
        String leaving = "leaving-" + UUID.randomUUID();
        String staying = "staying-" + UUID.randomUUID();
        // a completed run (results, chunk results, analysis-completed and chunk outbox rows) and a queued one
        String completed = post("/api/screener/runs", leaving, Map.of("symbols", List.of("005930.KS", "035720.KS")))
                .getBody().get("runId").asString();
        assertThat(awaitFinished(completed, leaving).get("status").asString()).isEqualTo("COMPLETED");
        UUID queued = queuedRun(leaving);
        String othersRun = post("/api/screener/runs", staying, Map.of("symbols", List.of("005930.KS")))
                .getBody().get("runId").asString();
        awaitFinished(othersRun, staying);
        assertThat(storedFor(leaving, List.of(completed, queued.toString()))).as("stored before").isPositive();

        send(Topics.USER_DELETED_V1, null, leaving, userDeleted(leaving), Topics.PRODUCER_AUTH_SERVICE);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> storedFor(leaving, List.of(completed, queued.toString())) == 0);
        assertThat(get("/api/screener/runs/" + completed, leaving).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/screener/runs/" + othersRun, staying).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(storedFor(staying, List.of(othersRun))).as("another user's data stays").isPositive();
    }

    @Test
    void forgedUserDeletedEventsEraseNothingAndDoNotBlockThePartition() throws Exception {
        String victim = "victim-" + UUID.randomUUID();
        UUID victimsRun = queuedRun(victim);
        String marker = "marker-" + UUID.randomUUID();
        UUID markersRun = queuedRun(marker);
        double rejectedBefore = rejected(Topics.USER_DELETED_V1, "untrusted") + rejected(Topics.USER_DELETED_V1, "unreadable");

        // all on one partition, in order: when the valid last one is done, the forged ones were handled before it
        send(Topics.USER_DELETED_V1, 0, "attacker", userDeleted(victim), Topics.PRODUCER_AUTH_SERVICE); // key mismatch
        send(Topics.USER_DELETED_V1, 0, victim, userDeleted(victim), null);                                // no producer
        send(Topics.USER_DELETED_V1, 0, victim, userDeleted(victim), "history-service");                   // another one
        send(Topics.USER_DELETED_V1, 0, victim, "{not json", Topics.PRODUCER_AUTH_SERVICE);                 // poison
        send(Topics.USER_DELETED_V1, 0, marker, userDeleted(marker), Topics.PRODUCER_AUTH_SERVICE);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs.find(markersRun).isEmpty());
        assertThat(runs.find(victimsRun)).as("the victim's run survives every forged event").isPresent();
        assertThat(rejected(Topics.USER_DELETED_V1, "untrusted") + rejected(Topics.USER_DELETED_V1, "unreadable"))
                .isEqualTo(rejectedBefore + 4);
    }

    @Test
    void aChunkMessageNotProducedByAgentServiceIsNotAnalysed() throws Exception {
        UUID runId = preparedRun("chunk-" + UUID.randomUUID());
        double rejectedBefore = rejected(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, "untrusted");
        String chunk = json.writeValueAsString(new ScreenChunk(runId, 0, 2, "KR", "KOSDAQ150",
                List.of("005930.KS"), LocalDate.of(2025, 6, 16)));

        send(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, null, runId.toString(), chunk, null);
        send(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, null, UUID.randomUUID().toString(), chunk,
                Topics.PRODUCER_AGENT_SERVICE);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> rejected(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, "untrusted") >= rejectedBefore + 2);
        assertThat(runs.chunkStored(runId, 0)).isFalse();
        runs.cancel(runId, runs.find(runId).orElseThrow().userId(), Instant.now());
    }

    @Test
    void finishedRunsExpireAfterTheRetention() {
        String user = "expiring-" + UUID.randomUUID();
        UUID old = queuedRun(user);
        UUID oldButUnfinished = queuedRun(user);
        UUID recent = queuedRun(user);
        runs.cancel(old, user, Instant.now());
        runs.cancel(recent, user, Instant.now());
        jdbc.sql("UPDATE screener_run SET created_at = now() - interval '31 days' WHERE id IN (:ids)")
                .param("ids", List.of(old, oldButUnfinished)).update();

        while (eraser.deleteExpiredBatch() > 0) {
            // every expired run, in batches
        }

        assertThat(runs.find(old)).isEmpty();
        assertThat(runs.find(oldButUnfinished)).as("unfinished runs are never expired").isPresent();
        assertThat(runs.find(recent)).isPresent();
        runs.cancel(oldButUnfinished, user, Instant.now());
    }

    /** Rows of the user's runs, their chunk results, and outbox rows keyed by the user or one of the runs. */
    private long storedFor(String user, List<String> runIds) {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM screener_run WHERE user_id = :user)
                             + (SELECT count(*) FROM screener_chunk_result WHERE run_id::text IN (:runs))
                             + (SELECT count(*) FROM outbox_event WHERE message_key = :user OR message_key IN (:runs)
                                                                     OR payload LIKE '%' || :user || '%')
                        """)
                .param("user", user).param("runs", runIds).query(Long.class).single();
    }

    private double rejected(String topic, String reason) {
        Counter counter = meters.find("stockradar.events.rejected").tag("topic", topic).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private String userDeleted(String userId) {
        return json.writeValueAsString(new UserDeletedEvent(UUID.randomUUID(), UserDeletedEvent.SCHEMA_VERSION,
                Instant.now(), userId));
    }

    private static void send(String topic, Integer partition, String key, String value, String producerName)
            throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
        if (producerName != null) {
            record.headers().add(Topics.HEADER_PRODUCER, producerName.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private UUID queuedRun(String user) {
        TestInstances.alive(jdbc, OWNER);
        UUID runId = UUID.randomUUID();
        runs.insertQueued(runId, user, ScreenerRunner.CUSTOM,
                ScreenerRunRequestValidator.validate(new ScreenerRunRequest(null, List.of("005930.KS"), null, null, 10)),
                OWNER, Instant.now());
        return runId;
    }

    /** A KOSDAQ150 run prepared as the accepting instance would, without publishing its chunks. */
    private UUID preparedRun(String user) {
        UUID runId = UUID.randomUUID();
        TestInstances.alive(jdbc, OWNER);
        runs.insertQueued(runId, user, "KOSDAQ150",
                ScreenerRunRequestValidator.validate(new ScreenerRunRequest("KOSDAQ150", null, null, null, null)),
                OWNER, Instant.now());
        assertThat(runs.claim(runId, OWNER, Instant.now())).isTrue();
        MarketContext context = marketData.context(Market.KR);
        var regime = engine.assessRegime(context.input());
        assertThat(runs.prepared(runId, OWNER, 10, 2, new RunRegime("KR", regime.regime().name(),
                regime.volatility().name(), regime.riskAppetite()), List.of(), context.dataAsOf(), context.source())).isTrue();
        return runId;
    }
}
