package io.stockradar.agent.screener;

import io.stockradar.agent.AgentServiceApplication;
import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.MarketDataStub;
import io.stockradar.agent.TestJwts;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.engine.StockAnalysis;
import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.common.event.Topics;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs split into chunks on {@code stockradar.screen-requested.v1} and analysed by every instance of the
 * {@code agent-service} consumer group: shared work, redelivery after an instance dies, idempotent chunk
 * stores, exactly-once completion, and a ranking identical to analysing the whole run in one place.
 */
class DistributedRunIntegrationTests extends IntegrationTestSupport {

    /** Every symbol of the test universes: 30 KR + 15 US = 9 chunks of 5, on 9 consecutive partitions of 12. */
    static final List<String> ALL_SYMBOLS = allSymbols();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MarketDataService marketData;

    @Autowired
    ScreenerEngine engine;

    @Autowired
    ChunkProcessor chunks;

    @Autowired
    ScreenerRunRepository runs;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    InstanceProperties instance;

    @Test
    void twoInstancesShareTheChunksOfOneRunAndRankItAsOneInstanceWould() {
        try (ConfigurableApplicationContext second = startSecondInstance("agent-b")) {
            KafkaListenerEndpointRegistry secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
            // both instances are in the group and together own every partition before the run is published
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(listeners) > 0 && assigned(secondListeners) > 0
                    && assigned(listeners) + assigned(secondListeners) == 12);

            String runId = startRun("grace", Map.of("symbols", ALL_SYMBOLS, "limit", 200));
            JsonNode run = awaitFinished(runId, "grace");

            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("progress").get("done").asInt()).isEqualTo(45);
            List<String> processedBy = jdbc.sql("SELECT processed_by FROM screener_chunk_result WHERE run_id = :id")
                    .param("id", UUID.fromString(runId)).query(String.class).list();
            assertThat(processedBy).hasSize(9);
            assertThat(new HashSet<>(processedBy)).containsExactlyInAnyOrder(instance.instanceId(), "agent-b");
            assertThat(completedOutboxRows(runId)).isEqualTo(1);
            assertRankedAsOneInstance(run, referenceRanking(null, ALL_SYMBOLS, "composite", null, 200));
        }
    }

    @Test
    void runsScreenedTogetherSpreadTheirChunksOverDifferentPartitions() {
        String first = startRun("ivan", Map.of("symbols", ALL_SYMBOLS, "limit", 5));
        awaitFinished(first, "ivan");
        String second = startRun("ivan", Map.of("symbols", ALL_SYMBOLS, "limit", 5));
        awaitFinished(second, "ivan");

        // each run continues where the previous one ended: chunk 0 of both does not land on one partition
        List<Integer> hints = new ArrayList<>(partitionHints(first));
        hints.addAll(partitionHints(second));
        assertThat(hints).hasSize(18).doesNotHaveDuplicates();
        assertThat(hints.get(9)).isEqualTo(hints.get(8) + 1);
        assertThat(Math.floorMod(hints.get(9), 12)).isNotEqualTo(Math.floorMod(hints.getFirst(), 12));
    }

    private List<Integer> partitionHints(String runId) {
        return jdbc.sql("""
                        SELECT partition_hint FROM outbox_event WHERE topic = :topic AND message_key = :run
                        ORDER BY created_at
                        """).param("topic", ScreenerKafkaConfig.SCREEN_REQUESTED_V1).param("run", runId)
                .query(Integer.class).list();
    }

    @Test
    void universeRunWithSortAndMinScoreRanksExactlyAsTheWholeUniverseAnalysedAtOnce() {
        JsonNode run = awaitFinished(startRun("grace", Map.of("universe", "KOSPI200", "sort", "risk", "limit", 12,
                "filters", Map.of("minScore", 40))), "grace");

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        assertRankedAsOneInstance(run, referenceRanking(Market.Universe.KOSPI200, null, "risk", 40.0, 12));
    }

    @Test
    void chunksHeldByAnInstanceThatDiesAreRedeliveredAndTheRunCompletesOnce() {
        // the "dying instance": a member of the group that takes chunks and never stores (or commits) them
        List<ConsumerRecord<String, String>> taken = new ArrayList<>();
        String runId;
        try (KafkaConsumer<String, String> dying = groupMember()) {
            dying.subscribe(List.of(ScreenerKafkaConfig.SCREEN_REQUESTED_V1));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                dying.poll(Duration.ofMillis(200));
                return !dying.assignment().isEmpty();
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(listeners) + 4 == 12);

            runId = startRun("heidi", Map.of("symbols", ALL_SYMBOLS, "limit", 200));
            String id = runId;
            int mine = chunksOnPartitionsOf(dying, runId);
            assertThat(mine).isPositive();
            // it takes every chunk on its partitions, while the live instance stores all the others
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                dying.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().contains(id)) {
                        taken.add(record);
                    }
                });
                return taken.size() == mine && runs.chunkProgress(UUID.fromString(id)).chunks() == 9 - mine;
            });
            // while the dead instance holds them, its chunks are not done by anyone
            assertThat(get("/api/screener/runs/" + runId, "heidi").getBody().get("status").asString()).isEqualTo("RUNNING");
        } // closed without committing: the group rebalances and the live instance gets the chunks

        JsonNode run = awaitFinished(runId, "heidi");
        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        List<Integer> chunkNos = jdbc.sql("SELECT chunk_no FROM screener_chunk_result WHERE run_id = :id ORDER BY chunk_no")
                .param("id", UUID.fromString(runId)).query(Integer.class).list();
        assertThat(chunkNos).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        List<String> symbols = new ArrayList<>();
        run.get("results").values().forEach(result -> symbols.add(result.get("symbol").asString()));
        assertThat(symbols).doesNotHaveDuplicates().hasSize(45).containsExactlyInAnyOrderElementsOf(ALL_SYMBOLS);
        assertThat(completedOutboxRows(runId)).isEqualTo(1);
    }

    @Test
    void aRedeliveredChunkIsANoOpAndOnlyTheLastChunkCompletesTheRunOnce() {
        UUID runId = preparedRun("ivan", 2, 10);
        List<String> members = marketData.context(Market.KR).members().get(Market.Universe.KOSDAQ150);
        ScreenChunk first = chunk(runId, 0, 2, members.subList(0, 5));
        ScreenChunk last = chunk(runId, 1, 2, members.subList(5, 10));

        chunks.process(first);
        chunks.process(first);
        assertThat(runs.chunkProgress(runId)).isEqualTo(new ScreenerRunRepository.ChunkProgress(1, 5));
        ScreenerRun running = runs.find(runId).orElseThrow();
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.done()).isEqualTo(5);

        chunks.process(last);
        chunks.process(last);
        chunks.process(first);
        ScreenerRun completed = runs.find(runId).orElseThrow();
        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(completed.done()).isEqualTo(10);
        assertThat(completed.results()).hasSize(10);
        assertThat(completed.results()).extracting(RunResult::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(runs.chunkProgress(runId)).isEqualTo(new ScreenerRunRepository.ChunkProgress(2, 10));
        assertThat(completedOutboxRows(runId.toString())).isEqualTo(1);
    }

    @Test
    void chunksOfACancelledRunAreSkipped() {
        UUID runId = preparedRun("judy", 1, 5);
        assertThat(runs.cancel(runId, "judy", Instant.now())).isTrue();

        chunks.process(chunk(runId, 0, 1,
                marketData.context(Market.KR).members().get(Market.Universe.KOSDAQ150).subList(0, 5)));

        assertThat(runs.chunkProgress(runId).chunks()).isZero();
        assertThat(runs.find(runId).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(completedOutboxRows(runId.toString())).isZero();
    }

    /** A KOSDAQ150 run prepared as the accepting instance would, without publishing its chunks. */
    private UUID preparedRun(String user, int chunkCount, int total) {
        UUID runId = UUID.randomUUID();
        ScreenerRunRequest request = ScreenerRunRequestValidator.validate(
                new ScreenerRunRequest("KOSDAQ150", null, null, null, null));
        TestInstances.alive(jdbc, "test");
        runs.insertQueued(runId, user, "KOSDAQ150", request, "test", Instant.now());
        assertThat(runs.claim(runId, "test", Instant.now())).isTrue();
        MarketContext context = marketData.context(Market.KR);
        var regime = engine.assessRegime(context.input());
        assertThat(runs.prepared(runId, "test", total, chunkCount, new RunRegime("KR", regime.regime().name(),
                regime.volatility().name(), regime.riskAppetite()), List.of(), context.dataAsOf(), context.source())).isTrue();
        return runId;
    }

    private static ScreenChunk chunk(UUID runId, int chunkNo, int chunkCount, List<String> symbols) {
        return new ScreenChunk(runId, chunkNo, chunkCount, "KR", "KOSDAQ150", symbols, LocalDate.of(2025, 6, 16));
    }

    /**
     * The single-instance algorithm: every symbol analysed in one engine call per market (same input as the
     * run), ranked by the sort key, then composite, then symbol, after the minScore filter, then the limit.
     */
    private List<StockAnalysis> referenceRanking(Market.Universe universe, List<String> symbols, String sort,
                                                 Double minScore, int limit) {
        List<StockAnalysis> analyses = new ArrayList<>();
        if (universe != null) {
            MarketContext context = marketData.context(universe.market());
            List<String> members = context.members().get(universe).stream().filter(context::contains).toList();
            analyses.addAll(engine.analyze(context.inputFor(universe), context.input(), members));
        } else {
            Map<Market, List<String>> byMarket = new LinkedHashMap<>();
            symbols.forEach(symbol -> byMarket.computeIfAbsent(Market.ofSymbol(symbol), m -> new ArrayList<>()).add(symbol));
            byMarket.forEach((market, group) -> {
                MarketContext context = marketData.withSymbols(marketData.context(market), group);
                analyses.addAll(engine.analyze(context.input(), marketData.context(market).input(),
                        group.stream().filter(context::contains).toList()));
            });
        }
        Comparator<StockAnalysis> order = Comparator
                .comparing((StockAnalysis a) -> sort.equals("composite") ? a.composite() : a.agents().get(sort).score(),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(StockAnalysis::composite, Comparator.reverseOrder())
                .thenComparing(StockAnalysis::symbol);
        return analyses.stream().filter(a -> minScore == null || a.composite() >= minScore).sorted(order).limit(limit).toList();
    }

    private static void assertRankedAsOneInstance(JsonNode run, List<StockAnalysis> expected) {
        JsonNode results = run.get("results");
        assertRegimeScoreIsTheRunsRiskAppetite(run);
        assertThat(results.size()).isEqualTo(expected.size()).isPositive();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode actual = results.get(i);
            StockAnalysis reference = expected.get(i);
            assertThat(actual.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(actual.get("symbol").asString()).isEqualTo(reference.symbol());
            assertThat(actual.get("composite").asDouble()).isEqualTo(reference.composite());
            assertThat(actual.get("grade").asString()).isEqualTo(reference.grade());
            reference.agents().forEach((agent, result) -> {
                JsonNode score = actual.get("agents").get(agent).get("score");
                assertThat(score == null || score.isNull() ? null : score.asDouble()).as(agent).isEqualTo(result.score());
            });
        }
    }

    /** AGENTS.md: the regime agent's score is the risk appetite of the regime the run reports. */
    static void assertRegimeScoreIsTheRunsRiskAppetite(JsonNode run) {
        String market = run.get("regime").get("market").asString();
        double riskAppetite = run.get("regime").get("riskAppetite").asDouble();
        int checked = 0;
        for (JsonNode result : run.get("results").values()) {
            String symbol = result.get("symbol").asString();
            boolean korean = symbol.endsWith(".KS") || symbol.endsWith(".KQ");
            if (korean == market.equals("KR")) {
                assertThat(result.get("agents").get("regime").get("score").asDouble()).as(symbol).isEqualTo(riskAppetite);
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    /** Another agent-service on the same database and broker; {@code id} null: the default (generated) id. */
    static ConfigurableApplicationContext startSecondInstance(String id, String... more) {
        var postgres = SharedInfrastructure.postgres();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl("agent"),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--spring.data.redis.host=" + SharedInfrastructure.redis().host(),
                "--spring.data.redis.port=" + SharedInfrastructure.redis().port(),
                "--spring.cloud.discovery.client.simple.instances.market-data-service[0].uri=" + MARKET_DATA.url(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + MARKET_DATA.url() + "/.well-known/jwks.json",
                "--spring.security.oauth2.client.provider.stockradar.token-uri=" + MARKET_DATA.url() + MarketDataStub.TOKEN_PATH,
                "--spring.security.oauth2.client.registration.market-data.client-secret=" + MarketDataStub.CLIENT_SECRET,
                "--stockradar.jwt.issuer=" + TestJwts.ISSUER,
                "--stockradar.outbox.poll-interval=200ms",
                // the liveness settings of every instance (IntegrationTestSupport): a stale-after shorter than
                // another instance's heartbeat interval would declare that instance dead while it is alive
                "--stockradar.liveness.heartbeat-interval=250ms",
                "--stockradar.liveness.stale-after=2s",
                "--stockradar.screener.chunk-size=5",
                "--stockradar.precompute.on-startup=false",
                "--stockradar.precompute.kr.cron=-",
                "--stockradar.precompute.us.cron=-"));
        if (id != null) {
            args.add("--stockradar.instance-id=" + id);
        }
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(AgentServiceApplication.class).run(args.toArray(String[]::new));
    }

    static KafkaConsumer<String, String> groupMember() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, ScreenerKafkaConfig.CONSUMER_GROUP);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** The run's 9 chunks go to 9 consecutive partitions (their outbox partition hints modulo 12 partitions). */
    private int chunksOnPartitionsOf(KafkaConsumer<String, String> member, String runId) {
        Set<Integer> partitions = new HashSet<>();
        member.assignment().forEach(tp -> partitions.add(tp.partition()));
        List<Integer> hints = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                        SELECT partition_hint FROM outbox_event WHERE topic = :topic AND message_key = :run
                        """).param("topic", ScreenerKafkaConfig.SCREEN_REQUESTED_V1).param("run", runId)
                .query(Integer.class).list(), found -> found.size() == 9);
        return (int) hints.stream().filter(hint -> partitions.contains(Math.floorMod(hint, 12))).count();
    }

    static int assigned(KafkaListenerEndpointRegistry registry) {
        MessageListenerContainer container = registry.getListenerContainer(ChunkProcessor.LISTENER_ID);
        return container == null || container.getAssignedPartitions() == null ? 0 : container.getAssignedPartitions().size();
    }

    private long completedOutboxRows(String runId) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE topic = :topic AND payload::jsonb ->> 'runId' = :id")
                .param("topic", Topics.ANALYSIS_COMPLETED_V1).param("id", runId).query(Long.class).single();
    }

    private String startRun(String user, Map<String, Object> request) {
        var accepted = post("/api/screener/runs", user, request);
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        return accepted.getBody().get("runId").asString();
    }

    private static List<String> allSymbols() {
        List<String> symbols = new ArrayList<>();
        for (String universe : List.of("KOSPI200", "KOSDAQ150", "SP500")) {
            try (var stream = DistributedRunIntegrationTests.class.getResourceAsStream("/market-data/universe-" + universe + ".json")) {
                JsonNode members = JsonMapper.shared().readTree(stream).get("members");
                members.values().forEach(member -> symbols.add(member.get("symbol").asString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(symbols);
    }
}
