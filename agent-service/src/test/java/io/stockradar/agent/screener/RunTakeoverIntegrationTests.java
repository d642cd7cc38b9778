package io.stockradar.agent.screener;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.agent.outbox.OutboxWriter;
import io.stockradar.common.event.Topics;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.stockradar.agent.screener.DistributedRunIntegrationTests.ALL_SYMBOLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that dies, hangs or restarts loses no run: its runs are taken over by a survivor and completed
 * (with {@code stockradar.liveness.stale-after} 2 s here), and a replica starting never fails the runs of
 * another. The 30 KR + 15 US test symbols make 9 chunks of 5, on 9 consecutive partitions of 12.
 */
class RunTakeoverIntegrationTests extends IntegrationTestSupport {

    private static final Logger log = LoggerFactory.getLogger(RunTakeoverIntegrationTests.class);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    ScreenerRunner runner;

    @Autowired
    MarketDataService marketData;

    @Autowired
    ScreenerEngine engine;

    @Autowired
    OutboxWriter outbox;

    @Autowired
    RunCompleter completer;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ScreenerProperties properties;

    @Autowired
    InstanceProperties instance;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    /**
     * The owner dies mid-run: its heartbeat stops, and its consumer keeps the partitions it holds without ever
     * storing their chunks (a hung process; a killed one would release them only after the session timeout).
     * Without a takeover the run stays RUNNING as long as that consumer lives.
     */
    @Test
    void whenTheOwnerOfARunningRunDiesASurvivorTakesItOverAndCompletesItWithEveryResult() throws InterruptedException {
        String dead = "agent-killed";
        ScreenerRunner deadInstance = new ScreenerRunner(runs, marketData, engine, outbox, completer, transactions,
                properties, new InstanceProperties(dead, instance.liveness()));
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
        heartbeat.scheduleAtFixedRate(() -> TestInstances.beat(jdbc, dead), 0, 100, TimeUnit.MILLISECONDS);
        try (KafkaConsumer<String, String> deadConsumer = DistributedRunIntegrationTests.groupMember()) {
            deadConsumer.subscribe(List.of(ScreenerKafkaConfig.SCREEN_REQUESTED_V1));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                deadConsumer.poll(Duration.ofMillis(200));
                return !deadConsumer.assignment().isEmpty()
                        && DistributedRunIntegrationTests.assigned(listeners) + deadConsumer.assignment().size() == 12;
            });

            // the dead instance accepted, prepared and published the run before it died
            UUID runId = UUID.randomUUID();
            runs.insertQueued(runId, "kim", ScreenerRunner.CUSTOM, allSymbols(), dead, Instant.now());
            deadInstance.execute(runId);
            Set<Integer> heldPartitions = new HashSet<>();
            deadConsumer.assignment().forEach(tp -> heldPartitions.add(tp.partition()));
            int held = (int) partitionHints(runId).stream().filter(h -> heldPartitions.contains(Math.floorMod(h, 12))).count();
            assertThat(held).isPositive();
            List<Integer> heldChunks = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                deadConsumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().contains(runId.toString())) {
                        heldChunks.add(chunkNo(record.value()));
                    }
                });
                return heldChunks.size() == held && runs.chunkProgress(runId).chunks() == 9 - held;
            });
            assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
            assertThat(owner(runId)).isEqualTo(dead);

            // killed: no more heartbeats; its consumer still holds its partitions (it is never polled again)
            heartbeat.shutdown();
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            JsonNode run = awaitFinished(runId.toString(), "kim");
            log.info("Run completed {} ms after its owner's last heartbeat (stale-after {})",
                    (System.nanoTime() - killed) / 1_000_000, instance.liveness().staleAfter());

            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("results").size()).isEqualTo(45);
            assertThat(owner(runId)).isEqualTo(instance.instanceId());
            List<String> heldBy = jdbc.sql("""
                            SELECT processed_by FROM screener_chunk_result WHERE run_id = :id AND chunk_no IN (:held)
                            """).param("id", runId).param("held", heldChunks).query(String.class).list();
            assertThat(heldBy).hasSize(held).containsOnly(instance.instanceId());
            assertThat(jdbc.sql("SELECT count(*) FROM screener_chunk_result WHERE run_id = :id").param("id", runId)
                    .query(Long.class).single()).isEqualTo(9);
            assertThat(completedOutboxRows(runId)).isEqualTo(1);
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /**
     * A chunk consumer dies without leaving the group (SIGKILL: no LeaveGroup; simulated by closing it with
     * REMAIN_IN_GROUP) while holding chunks of a run whose owner lives; its instance's heartbeat stops with it.
     * With Kafka's default 45 s session timeout and no rescue the run waited ~45 s; now the owner analyses the held
     * chunks once that instance has been silent for stall-after (3 s), and the group moves the partitions after
     * the chunk consumers' session timeout (6 s). Both times are logged.
     */
    @Test
    void chunksHeldByAConsumerThatDiesWithoutLeavingTheGroupAreDoneWithinSeconds(@Autowired Environment environment) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, ScreenerKafkaConfig.CONSUMER_GROUP);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the chunk consumers' own settings: the dying member is one of them
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                environment.getProperty("spring.kafka.consumer.properties.session.timeout.ms", "45000"));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                environment.getProperty("spring.kafka.consumer.properties.heartbeat.interval.ms", "3000"));
        KafkaConsumer<String, String> dying = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        ScheduledExecutorService dyingHeartbeat = Executors.newSingleThreadScheduledExecutor();
        dyingHeartbeat.scheduleAtFixedRate(() -> TestInstances.beat(jdbc, "agent-consumer-killed"), 0, 100,
                TimeUnit.MILLISECONDS);
        dying.subscribe(List.of(ScreenerKafkaConfig.SCREEN_REQUESTED_V1));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dying.poll(Duration.ofMillis(200));
            return !dying.assignment().isEmpty()
                    && DistributedRunIntegrationTests.assigned(listeners) + dying.assignment().size() == 12;
        });
        var accepted = post("/api/screener/runs", "yoon", Map.of("symbols", ALL_SYMBOLS, "limit", 200));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        UUID runId = UUID.fromString(accepted.getBody().get("runId").asString());
        Set<Integer> heldPartitions = new HashSet<>();
        dying.assignment().forEach(tp -> heldPartitions.add(tp.partition()));
        int held = (int) await().atMost(Duration.ofSeconds(30)).until(() -> partitionHints(runId), hints -> hints.size() == 9)
                .stream().filter(h -> heldPartitions.contains(Math.floorMod(h, 12))).count();
        assertThat(held).isPositive();
        List<Integer> heldChunks = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dying.poll(Duration.ofMillis(200)).forEach(record -> {
                if (record.value().contains(runId.toString())) {
                    heldChunks.add(chunkNo(record.value()));
                }
            });
            return heldChunks.size() == held && runs.chunkProgress(runId).chunks() == 9 - held;
        });

        dying.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        dyingHeartbeat.shutdownNow();
        long died = System.nanoTime();

        JsonNode run = await("run " + runId + " completed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/screener/runs/" + runId, "yoon").getBody(),
                        body -> !"RUNNING".equals(body.get("status").asString()));
        long completed = System.nanoTime();
        await("partitions of the dead member reassigned").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> DistributedRunIntegrationTests.assigned(listeners) == 12);
        log.info("Consumer died holding {} chunk(s): run completed after {} ms, its partitions reassigned after {} ms "
                        + "(session.timeout.ms {})", held, (completed - died) / 1_000_000, (System.nanoTime() - died) / 1_000_000,
                props.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("results").size()).isEqualTo(45);
        assertThat(completedOutboxRows(runId)).isEqualTo(1);
    }

    /**
     * Replicas share their environment: a second instance starting without INSTANCE_ID (as a k8s replica) while
     * this one has a run in progress. It used to get this instance's id and fail that run at its start-up.
     */
    @Test
    void aReplicaStartingDuringAnotherInstancesRunLeavesItAloneAndTheRunCompletes() {
        UUID runId = UUID.randomUUID();
        runs.insertQueued(runId, "lee", ScreenerRunner.CUSTOM, allSymbols(), instance.instanceId(), Instant.now());
        try (ConfigurableApplicationContext replica = DistributedRunIntegrationTests.startSecondInstance(null)) {
            String replicaId = replica.getBean(InstanceProperties.class).instanceId();
            assertThat(replicaId).isNotEqualTo(instance.instanceId()).startsWith("agent-service:");
            assertThat(runs.status(runId)).contains(RunStatus.QUEUED);

            runner.execute(runId);
            JsonNode run = awaitFinished(runId.toString(), "lee");

            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("results").size()).isEqualTo(45);
            assertThat(completedOutboxRows(runId)).isEqualTo(1);
        }
    }

    /**
     * A graceful shutdown removes the instance's heartbeat (its consumers leave the group as the context
     * closes): a run it accepted and never started is taken over by a survivor and completed, not left QUEUED.
     */
    @Test
    void anInstanceThatShutsDownLeavesItsUnfinishedRunToASurvivor() {
        UUID runId = UUID.randomUUID();
        String leaving = "agent-leaving";
        try (ConfigurableApplicationContext replica = DistributedRunIntegrationTests.startSecondInstance(leaving)) {
            // accepted by the replica, still waiting in its queue when it is told to stop
            runs.insertQueued(runId, "choi", ScreenerRunner.CUSTOM, allSymbols(), leaving, Instant.now());
            assertThat(heartbeats(leaving)).isEqualTo(1);
        }
        long stopped = System.nanoTime();
        assertThat(heartbeats(leaving)).isZero();

        JsonNode run = awaitFinished(runId.toString(), "choi");
        log.info("Run of a stopped instance completed {} ms after its shutdown (prepared again here)",
                (System.nanoTime() - stopped) / 1_000_000);

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("results").size()).isEqualTo(45);
        assertThat(owner(runId)).isEqualTo(instance.instanceId());
    }

    /** A run accepted under this instance's id by an earlier process (a restarted pod keeps its name). */
    @Test
    void aRunThisInstanceIdAcceptedBeforeARestartIsResumedNotFailed() {
        UUID runId = UUID.randomUUID();
        runs.insertQueued(runId, "park", ScreenerRunner.CUSTOM, allSymbols(), instance.instanceId(), Instant.now());
        assertThat(runs.claim(runId, instance.instanceId(), Instant.now())).isTrue();
        // the earlier process claimed it and was preparing it when it stopped, before this process started
        jdbc.sql("UPDATE screener_run SET owned_since = owned_since - interval '1 hour' WHERE id = :id")
                .param("id", runId).update();

        JsonNode run = awaitFinished(runId.toString(), "park");

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.get("results").size()).isEqualTo(45);
        assertThat(completedOutboxRows(runId)).isEqualTo(1);
    }

    private static ScreenerRunRequest allSymbols() {
        return ScreenerRunRequestValidator.validate(new ScreenerRunRequest(null, ALL_SYMBOLS, null, null, 200));
    }

    private List<Integer> partitionHints(UUID runId) {
        return jdbc.sql("SELECT partition_hint FROM outbox_event WHERE topic = :topic AND message_key = :run")
                .param("topic", ScreenerKafkaConfig.SCREEN_REQUESTED_V1).param("run", runId.toString())
                .query(Integer.class).list();
    }

    private long heartbeats(String instanceId) {
        return jdbc.sql("SELECT count(*) FROM agent_instance WHERE instance_id = :id").param("id", instanceId)
                .query(Long.class).single();
    }

    private String owner(UUID runId) {
        return jdbc.sql("SELECT accepted_by FROM screener_run WHERE id = :id").param("id", runId).query(String.class).single();
    }

    private long completedOutboxRows(UUID runId) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND payload::jsonb ->> 'runId' = :id")
                .param("topic", Topics.ANALYSIS_COMPLETED_V1).param("id", runId.toString()).query(Long.class).single();
    }

    private static int chunkNo(String message) {
        return JsonMapper.shared().readTree(message).get("chunkNo").asInt();
    }
}
