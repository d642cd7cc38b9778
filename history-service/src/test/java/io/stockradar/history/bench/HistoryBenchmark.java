package io.stockradar.history.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import io.stockradar.history.HistoryServiceApplication;
import io.stockradar.history.TestEvents;
import io.stockradar.history.TestJwts;
import io.stockradar.testsupport.EmbeddedPostgresServer;
import io.stockradar.testsupport.Postgres;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * history-service throughput and latency on this machine, each figure next to a baseline measured in
 * the same run (see bench/history/README.md). Not a test: run it with bench/history/run.sh.
 * <ol>
 *   <li>Baseline: single-row autocommitted INSERTs into analysis_run over JDBC.</li>
 *   <li>Ingestion: N events produced to Kafka, timed from the first send until all N runs are stored by
 *       the real service (its batch listener, validation, one transaction per poll, multi-row inserts),
 *       next to the same-run ceiling of a plain consumer that only polls and parses the same events.</li>
 *   <li>Bulk load with COPY up to {@code bench.results} stored results.</li>
 *   <li>Query: GET /api/history over HTTP (JWT validation included) for a heavy user, p50/p99.</li>
 *   <li>The same page SQL over JDBC with its index and, as the baseline, without it (DROP INDEX inside a
 *       transaction that is rolled back).</li>
 * </ol>
 * System properties: bench.events (20000), bench.resultsPerEvent (10), bench.results (1000000),
 * bench.iterations (1000), bench.concurrency (3 listener threads), bench.durable (true: fsync and
 * synchronous_commit on, as in production). bench.results=0 measures ingestion only.
 */
public final class HistoryBenchmark {

    /** AnalysisCompletedListener.ID (package-private there). */
    private static final String LISTENER_ID = "history-analysis-completed";

    private static final String AGENTS_JSON = "{\"regime\": {\"score\": 64.5, \"abstained\": false}, "
            + "\"sector\": {\"score\": 55.0, \"abstained\": false}, \"technical\": {\"score\": 71.0, \"abstained\": false}, "
            + "\"fundamental\": {\"score\": null, \"abstained\": true}, \"risk\": {\"score\": 48.0, \"abstained\": false}}";
    private static final String HEAVY_USER = "bench-heavy";
    private static final int SYMBOLS = 200;
    private static final int RESULTS_PER_BULK_RUN = 20;
    private static final int HEAVY_RUNS = 2_500;
    private static final int USERS = 1_000;

    private final int events = Integer.getInteger("bench.events", 20_000);
    private final int resultsPerEvent = Integer.getInteger("bench.resultsPerEvent", 10);
    private final int targetResults = Integer.getInteger("bench.results", 1_000_000);
    private final int iterations = Integer.getInteger("bench.iterations", 1_000);
    private final boolean durable = Boolean.parseBoolean(System.getProperty("bench.durable", "true"));
    private final List<String> report = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new HistoryBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Postgres postgres;
        Path dataDirectory = null;
        if (durable) {
            dataDirectory = Files.createTempDirectory("history-bench-pg");
            postgres = EmbeddedPostgresServer.start(0, dataDirectory);
        } else {
            postgres = SharedInfrastructure.postgres();
        }
        postgres.createDatabase("history_bench");
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.ANALYSIS_COMPLETED_V1, 6, (short) 1),
                    new NewTopic(Topics.USER_DELETED_V1, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> arguments = List.of(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl("history_bench"),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.kafka.listener.concurrency=" + System.getProperty("bench.concurrency", "3"),
                "--stockradar.security.jwt.issuer=" + TestJwts.ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestJwts.jwkSetUri(),
                "--stockradar.history.scorecard.cron=-",
                "--stockradar.history.retention-purge.cron=-",
                "--management.tracing.sampling.probability=" + System.getProperty("bench.tracingSampling", "1.0"),
                "--logging.level.root=WARN");
        line("machine: %d cores (%s), JVM %s, PostgreSQL %s (fsync/synchronous_commit %s), Kafka embedded KRaft",
                Runtime.getRuntime().availableProcessors(), cpu(), System.getProperty("java.version"), "17 (embedded)",
                durable ? "on" : "off");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HistoryServiceApplication.class)
                .run(arguments.toArray(String[]::new));
             Connection jdbc = DriverManager.getConnection(postgres.jdbcUrl("history_bench"), postgres.username(),
                     postgres.password())) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            double baselineInserts = singleRowInserts(jdbc, 2_000);
            ingest(app, jdbc, bootstrap, 1_000, "bench-warmup-", false);
            double live = ingest(app, jdbc, bootstrap, events, "bench-live-", false);
            int ingestRounds = Integer.getInteger("bench.ingestRounds", 3);
            double[] backlog = new double[ingestRounds];
            for (int round = 0; round < ingestRounds; round++) {
                backlog[round] = ingest(app, jdbc, bootstrap, events, "bench-ingest-" + round + "-", true);
            }
            double eventsPerSecond = median(backlog);
            line("ingestion, backlog: %,d events x %d results already in Kafka, drained at %s events/s; median %,.0f events/s"
                            + " (%,.0f results/s); goal >= 5,000 events/s", events, resultsPerEvent,
                    Arrays.stream(backlog).mapToObj(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList(),
                    eventsPerSecond, eventsPerSecond * resultsPerEvent);
            line("ingestion, live: %,d events stored while they were produced on the same cores: %,.0f events/s",
                    events, live);
            line("ingestion vs baseline single-row INSERT (%,.0f rows/s): %.2fx", baselineInserts,
                    eventsPerSecond / baselineInserts);
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            DistributionSummary batches = meters.get("stockradar.history.ingest.batch.size").summary();
            Timer store = meters.get("stockradar.history.ingest.batch.store").timer();
            line("ingestion: %,d listener calls (warm-up included), %.0f records each on average; database time %.2f s"
                            + " in total, %.1f ms per call on average", batches.count(), batches.mean(),
                    store.totalTime(TimeUnit.SECONDS), store.mean(TimeUnit.MILLISECONDS));
            StringBuilder steps = new StringBuilder();
            for (String step : List.of("locks", "tombstones", "runs", "results")) {
                Timer timer = meters.get("stockradar.history.ingest.batch.step").tag("step", step).timer();
                steps.append(String.format(Locale.ROOT, " %s %.1f ms,", step, timer.mean(TimeUnit.MILLISECONDS)));
            }
            double stepsTotal = List.of("locks", "tombstones", "runs", "results").stream()
                    .mapToDouble(step -> meters.get("stockradar.history.ingest.batch.step").tag("step", step).timer()
                            .mean(TimeUnit.MILLISECONDS)).sum();
            line("ingestion: per call (mean):%s commit and transaction overhead %.1f ms; tracing sampling %s",
                    steps, store.mean(TimeUnit.MILLISECONDS) - stepsTotal,
                    System.getProperty("bench.tracingSampling", "1.0"));
            double rawPerSecond = rawConsumer(bootstrap, events + 1_000);
            line("ingestion vs raw consumer ceiling (poll + JSON, no database: %,.0f events/s): %.0f%%",
                    rawPerSecond, 100 * eventsPerSecond / rawPerSecond);
            resultInsertCost(jdbc);
            if (targetResults > 0) {
                bulkLoad(jdbc);
                queries(jdbc, port);
            }
            String variants = System.getProperty("bench.variants", "");
            if (!variants.isBlank()) {
                app.close();
                variants(jdbc, bootstrap, arguments, variants.split(";"));
            }
        } finally {
            System.out.println();
            System.out.println("== summary");
            report.forEach(System.out::println);
            if (postgres instanceof EmbeddedPostgresServer server && durable) {
                server.close();
            }
        }
    }

    /**
     * Same-run comparison of service settings: for each round, each variant (extra arguments separated by
     * ',', variants by ';'; the word {@code previous-recorder} swaps in the batch write as it was before
     * 2026-11-26 10:00Z, BenchPreviousRunRecorder) e.g. {@code --spring.kafka.listener.concurrency=2;--spring.kafka.listener.concurrency=3})
     * gets a fresh service context on the same database and broker, 1,000 warm-up events and then
     * {@code bench.events} events; variants alternate (A B A B ...) so drift in machine load hits all alike.
     */
    private void variants(Connection jdbc, String bootstrap, List<String> base, String[] variants) throws Exception {
        int rounds = Integer.getInteger("bench.variantRounds", 2);
        double[][] rates = new double[variants.length][rounds];
        double[][] perCall = new double[variants.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < variants.length; v++) {
                List<String> overrides = Arrays.asList(variants[v].trim().split("[\\s,]+"));
                List<String> arguments = new ArrayList<>(base.stream().filter(argument -> overrides.stream().noneMatch(
                        override -> override.split("=")[0].equals(argument.split("=")[0]))).toList());
                SpringApplicationBuilder builder = new SpringApplicationBuilder(HistoryServiceApplication.class);
                for (String override : overrides) {
                    if (override.equals("previous-recorder")) {
                        builder.sources(Class.forName("io.stockradar.history.ingest.BenchPreviousRunRecorder$Config"));
                    } else {
                        arguments.add(override);
                    }
                }
                try (ConfigurableApplicationContext app = builder.run(arguments.toArray(String[]::new))) {
                    String prefix = "bench-v" + v + "r" + round + "-";
                    ingest(app, jdbc, bootstrap, 1_000, prefix + "warmup-", false);
                    rates[v][round] = ingest(app, jdbc, bootstrap, events, prefix, true);
                    Timer store = app.getBean(MeterRegistry.class).get("stockradar.history.ingest.batch.store").timer();
                    DistributionSummary batches = app.getBean(MeterRegistry.class)
                            .get("stockradar.history.ingest.batch.size").summary();
                    perCall[v][round] = store.mean(TimeUnit.MILLISECONDS);
                    line("variant [%s] round %d: %,.0f events/s, %d calls of %.0f records, %.1f ms database time per call",
                            variants[v].trim(), round + 1, rates[v][round], batches.count(), batches.mean(),
                            perCall[v][round]);
                }
            }
        }
        for (int v = 0; v < variants.length; v++) {
            line("variant [%s]: mean %,.0f events/s over %d rounds (%.2fx the first variant)", variants[v].trim(),
                    Arrays.stream(rates[v]).average().orElse(0), rounds,
                    Arrays.stream(rates[v]).average().orElse(0) / Arrays.stream(rates[0]).average().orElse(1));
        }
    }

    /** Baseline: what one autocommitted single-row INSERT per event achieves on the same database. */
    private double singleRowInserts(Connection jdbc, int rows) throws SQLException {
        jdbc.setAutoCommit(true);
        try (PreparedStatement insert = jdbc.prepareStatement("""
                INSERT INTO analysis_run (run_id, event_id, user_id, universe, request, data_as_of, source,
                                          result_count, occurred_at)
                VALUES (?, ?, 'bench-baseline', 'KOSPI200', '{}'::jsonb, DATE '2025-06-16', 'demo', 0, now())""")) {
            long start = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, UUID.randomUUID());
                insert.executeUpdate();
            }
            double perSecond = rows / seconds(start);
            line("baseline: %,d single-row autocommitted INSERTs: %,.0f rows/s", rows, perSecond);
            return perSecond;
        }
    }

    /**
     * Produces {@code count} events and waits until the service stored all of them.
     * <ul>
     *   <li>live ({@code backlog} false): timed from the first send, while the producer still sends; the
     *       producer and the broker share the two cores with the service;</li>
     *   <li>backlog: the service's listener is paused while the events are produced, and the time runs from its
     *       resume until the last run is stored: how fast the service works through events waiting for it (after
     *       an outage, a deployment, a burst of screener runs), with the producer's own cost left out, as in
     *       production, where agent-service produces on other machines. The raw-consumer ceiling reads a
     *       backlog too.</li>
     * </ul>
     * Progress is read from the service's own counter of stored events every 10 ms (until 2026-11-26 the bench
     * ran {@code count(*)} over the runs table every 100 ms, which took CPU from the very process measured);
     * a single {@code count(*)} at the end checks that every run is in the database.
     */
    private double ingest(ConfigurableApplicationContext app, Connection jdbc, String bootstrap, int count,
                          String userPrefix, boolean backlog) throws Exception {
        List<String> payloads = new ArrayList<>(count);
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = userPrefix + (i % USERS);
            keys.add(user);
            payloads.add(TestEvents.json(TestEvents.analysisCompleted(user, resultsPerEvent)));
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, io.stockradar.history.AsProducingService.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Counter stored = app.getBean(MeterRegistry.class).get("stockradar.history.events")
                .tag("outcome", "stored").counter();
        double storedBefore = stored.count();
        MessageListenerContainer listener = app.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(LISTENER_ID);
        if (backlog) {
            listener.pause();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10)).until(listener::isContainerPaused);
        }
        long start;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.partitionsFor(Topics.ANALYSIS_COMPLETED_V1);
            start = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(Topics.ANALYSIS_COMPLETED_V1, keys.get(i), payloads.get(i))));
            }
            for (Future<?> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        double produced = seconds(start);
        if (backlog) {
            start = System.nanoTime();
            listener.resume();
        }
        await().atMost(Duration.ofMinutes(15)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .until(() -> stored.count() - storedBefore >= count);
        double elapsed = seconds(start);
        int inDatabase = stored(jdbc, userPrefix);
        if (inDatabase != count) {
            throw new IllegalStateException("expected " + count + " runs of " + userPrefix + " but found " + inDatabase);
        }
        if (!userPrefix.contains("warmup")) {
            line("ingestion, %s: produced in %.2f s, all %,d stored %.2f s after %s", backlog ? "backlog" : "live",
                    produced, count, elapsed, backlog ? "the listener resumed" : "the first send");
        }
        return count / elapsed;
    }

    /**
     * Same-run ceiling: a plain consumer (new group, same fetch settings as the service) reads the
     * {@code count} events just ingested and parses each into an AnalysisCompletedEvent; no database.
     */
    private double rawConsumer(String bootstrap, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65_536,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_097_152,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.ANALYSIS_COMPLETED_V1));
            int read = 0;
            long checksum = 0;
            long start = System.nanoTime();
            while (read < count) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    checksum += TestEvents.JSON.readValue(record.value(), AnalysisCompletedEvent.class).results().size();
                    read++;
                }
            }
            double perSecond = read / seconds(start);
            line("raw consumer: %,d records polled and parsed in %.2f s (%d results seen)", read, seconds(start),
                    checksum);
            return perSecond;
        }
    }

    /**
     * Where the database time of ingestion goes: the same multi-row INSERT of result rows (10 per stored
     * run) with the foreign key to analysis_run, and without it (dropped inside the transaction, which is
     * rolled back). Nothing of it stays.
     */
    private void resultInsertCost(Connection jdbc) throws Exception {
        String insert = """
                INSERT INTO analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)
                SELECT run_id, %d + k, user_id, '000010.KS', '종목', 50.0, 'A', 'BUY', CAST('%s' AS jsonb), 50000.0
                FROM bench_runs, generate_series(1, 10) AS k""";
        jdbc.setAutoCommit(false);
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("CREATE TEMP TABLE bench_runs ON COMMIT DROP AS SELECT run_id, user_id FROM analysis_run"
                    + " WHERE user_id LIKE 'bench-ingest-%' LIMIT 10000");
            statement.execute(insert.formatted(300, AGENTS_JSON));
            long start = System.nanoTime();
            int rows = statement.executeUpdate(insert.formatted(100, AGENTS_JSON));
            double withKey = rows / seconds(start);
            resultStatementComparison(jdbc);
            statement.execute("ALTER TABLE analysis_result DROP CONSTRAINT analysis_result_run_id_fkey");
            start = System.nanoTime();
            statement.executeUpdate(insert.formatted(200, AGENTS_JSON));
            double withoutKey = rows / seconds(start);
            line("result rows, one INSERT ... SELECT of %,d rows: %,.0f rows/s with the foreign key to analysis_run,"
                    + " %,.0f rows/s without it (%.2fx)", rows, withKey, withoutKey, withoutKey / withKey);
        } finally {
            jdbc.rollback();
            jdbc.setAutoCommit(true);
        }
    }

    /**
     * The result rows of one typical poll (400 events x 10 results) written as the service wrote them
     * until 2026-11-26 (one INSERT ... SELECT FROM unnest of 10 text/number arrays, agents cast to jsonb)
     * and as it writes them now (COPY ... FROM STDIN in text format), alternately, 8 times each, in the
     * caller's transaction (rolled back). Array and COPY encoding on the client are included in the time.
     */
    private void resultStatementComparison(Connection jdbc) throws Exception {
        List<UUID> runs = new ArrayList<>();
        try (Statement statement = jdbc.createStatement();
             ResultSet rs = statement.executeQuery("SELECT run_id FROM bench_runs LIMIT 400")) {
            while (rs.next()) {
                runs.add(rs.getObject(1, UUID.class));
            }
        }
        int rowsPerBatch = runs.size() * 10;
        long unnestNanos = 0;
        long copyNanos = 0;
        int rounds = 8;
        for (int round = 0; round < rounds; round++) {
            int unnestBase = 1_000 + 20 * round;
            int copyBase = unnestBase + 10;
            long start = System.nanoTime();
            Object[][] columns = new Object[10][rowsPerBatch];
            int i = 0;
            for (UUID run : runs) {
                for (int k = 1; k <= 10; k++) {
                    Object[] row = resultRow(run, unnestBase + k);
                    for (int c = 0; c < 10; c++) {
                        columns[c][i] = row[c];
                    }
                    i++;
                }
            }
            try (PreparedStatement insert = jdbc.prepareStatement("""
                    INSERT INTO analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)
                    SELECT r.run_id, r.rank, r.user_id, r.symbol, r.name, r.composite, r.grade, r.action,
                           CAST(r.agents AS jsonb), r.price
                    FROM unnest(?::uuid[], ?::int4[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::text[], ?::text[],
                                ?::text[], ?::float8[])
                         AS r(run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)""")) {
                String[] types = {"uuid", "int4", "text", "text", "text", "float8", "text", "text", "text", "float8"};
                for (int c = 0; c < 10; c++) {
                    insert.setArray(c + 1, jdbc.createArrayOf(types[c], columns[c]));
                }
                insert.executeUpdate();
            }
            unnestNanos += System.nanoTime() - start;
            start = System.nanoTime();
            StringBuilder text = new StringBuilder(rowsPerBatch * 256);
            for (UUID run : runs) {
                for (int k = 1; k <= 10; k++) {
                    Object[] row = resultRow(run, copyBase + k);
                    for (int c = 0; c < 10; c++) {
                        text.append(c == 0 ? "" : "\t").append(String.valueOf(row[c]).replace("\\", "\\\\"));
                    }
                    text.append('\n');
                }
            }
            jdbc.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    COPY analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)
                    FROM STDIN""", new StringReader(text.toString()));
            copyNanos += System.nanoTime() - start;
        }
        double unnestMs = unnestNanos / 1e6 / rounds;
        double copyMs = copyNanos / 1e6 / rounds;
        line("result rows of one poll (%,d rows), mean of %d alternating rounds: INSERT ... SELECT FROM unnest(arrays)"
                + " %.1f ms, COPY FROM STDIN %.1f ms (%.2fx)", rowsPerBatch, rounds, unnestMs, copyMs, unnestMs / copyMs);
    }

    private static Object[] resultRow(UUID run, int rank) {
        return new Object[] {run, rank, "bench-ab-user", "000010.KS", "종목 " + rank, 90.0 - rank % 10, "A", "BUY",
                TestEvents.JSON.writeValueAsString(Map.of("regime", Map.of("score", 64.5, "abstained", false),
                        "technical", Map.of("score", 80.0 - rank % 10, "abstained", false),
                        "fundamental", java.util.Collections.singletonMap("score", null))),
                50_000.0 + rank};
    }

    private static int stored(Connection jdbc, String userPrefix) throws SQLException {
        try (PreparedStatement count = jdbc.prepareStatement(
                "SELECT count(*) FROM analysis_run WHERE user_id LIKE ?")) {
            count.setString(1, userPrefix + "%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** COPY runs of 20 results until {@code bench.results} results are stored; one heavy user with 2,500 runs. */
    private void bulkLoad(Connection jdbc) throws Exception {
        long existing;
        try (Statement statement = jdbc.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT count(*) FROM analysis_result")) {
            rs.next();
            existing = rs.getLong(1);
        }
        int runs = (int) Math.max(0, (targetResults - existing) / RESULTS_PER_BULK_RUN);
        var copy = jdbc.unwrap(PGConnection.class).getCopyAPI();
        Random random = new Random(42);
        Instant now = Instant.now();
        long start = System.nanoTime();
        int chunk = 5_000;
        String[] grades = {"A", "B", "C", "D", "E", "F"};
        for (int from = 0; from < runs; from += chunk) {
            StringBuilder runRows = new StringBuilder();
            StringBuilder resultRows = new StringBuilder();
            for (int i = from; i < Math.min(runs, from + chunk); i++) {
                UUID runId = UUID.randomUUID();
                String user = i < HEAVY_RUNS ? HEAVY_USER : "bench-user-" + (i % USERS);
                String universe = i % 3 == 0 ? "SP500" : "KOSPI200";
                Instant createdAt = now.minusSeconds(random.nextInt(700 * 86_400));
                runRows.append(runId).append('\t').append(UUID.randomUUID()).append('\t').append(user).append('\t')
                        .append(universe).append("\t{}\tKR\tBULL\tNORMAL\t64.5\t2025-06-16\tdemo\t")
                        .append(RESULTS_PER_BULK_RUN).append('\t').append(createdAt).append('\t').append(createdAt)
                        .append('\n');
                for (int rank = 1; rank <= RESULTS_PER_BULK_RUN; rank++) {
                    String symbol = String.format(Locale.ROOT, "%06d.KS", 10 * (1 + random.nextInt(SYMBOLS)));
                    resultRows.append(runId).append('\t').append(rank).append('\t').append(user).append('\t')
                            .append(symbol).append("\t종목\t").append(90 - rank).append('\t')
                            .append(grades[Math.min(5, (rank - 1) / 4)]).append("\tHOLD\t")
                            .append(AGENTS_JSON).append('\t').append(50_000 + rank).append('\n');
                }
            }
            copy.copyIn("""
                    COPY analysis_run (run_id, event_id, user_id, universe, request, regime_market, regime,
                                       regime_volatility, regime_risk_appetite, data_as_of, source, result_count,
                                       created_at, occurred_at) FROM STDIN""", new StringReader(runRows.toString()));
            copy.copyIn("""
                    COPY analysis_result (run_id, rank, user_id, symbol, name, composite, grade, action, agents, price)
                    FROM STDIN""", new StringReader(resultRows.toString()));
        }
        double elapsed = seconds(start);
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("ANALYZE analysis_run");
            statement.execute("ANALYZE analysis_result");
            try (ResultSet rs = statement.executeQuery(
                    "SELECT (SELECT count(*) FROM analysis_run), (SELECT count(*) FROM analysis_result)")) {
                rs.next();
                line("bulk load: COPY %,d runs / %,d results in %.1f s (%,.0f results/s); now %,d runs, %,d results",
                        runs, (long) runs * RESULTS_PER_BULK_RUN, elapsed, runs * RESULTS_PER_BULK_RUN / elapsed,
                        rs.getLong(1), rs.getLong(2));
            }
        }
    }

    private void queries(Connection jdbc, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = TestJwts.token(HEAVY_USER);
        String base = "http://localhost:" + port + "/api/history";
        String deepCursor = cursorAfterPages(http, base, token, 50);
        Map<String, String> shapes = new java.util.LinkedHashMap<>();
        shapes.put("first page (limit 20)", base + "?limit=20");
        shapes.put("page 51 via cursor", base + "?limit=20&cursor=" + URLEncoder.encode(deepCursor, StandardCharsets.UTF_8));
        shapes.put("symbol filter", base + "?limit=20&symbol=000100.KS");
        shapes.put("grade + universe filter", base + "?limit=20&grade=A&universe=KOSPI200");
        int warmup = iterations / 2;
        line("query: user %s holds %,d runs / %,d results; %,d sequential requests per shape after %d warm-up"
                        + " requests of every shape", HEAVY_USER, HEAVY_RUNS, HEAVY_RUNS * RESULTS_PER_BULK_RUN,
                iterations, warmup);
        for (int i = 0; i < warmup; i++) {
            for (String uri : shapes.values()) {
                get(http, uri, token);
            }
        }
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            long[] nanos = time(iterations, 0, () -> get(http, shape.getValue(), token));
            line("  HTTP GET /api/history %-24s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms", shape.getKey(),
                    ms(percentile(nanos, 50)), ms(percentile(nanos, 99)), ms(nanos[nanos.length - 1]));
        }

        String page = """
                SELECT a.run_id, a.created_at FROM analysis_run a WHERE a.user_id = ?
                ORDER BY a.created_at DESC, a.run_id DESC LIMIT 21""";
        String bySymbol = """
                SELECT a.run_id, a.created_at FROM analysis_run a WHERE a.user_id = ?
                AND EXISTS (SELECT 1 FROM analysis_result r WHERE r.run_id = a.run_id AND r.user_id = ?
                            AND r.symbol = '000100.KS')
                ORDER BY a.created_at DESC, a.run_id DESC LIMIT 21""";
        String byGrade = """
                SELECT a.run_id, a.created_at FROM analysis_run a WHERE a.user_id = ? AND a.universe = 'KOSPI200'
                AND EXISTS (SELECT 1 FROM analysis_result r WHERE r.run_id = a.run_id AND r.grade = 'A')
                ORDER BY a.created_at DESC, a.run_id DESC LIMIT 21""";
        // the first version of the filter: the redundant user predicate made the planner read all the user's results
        String byGradeFormer = """
                SELECT a.run_id, a.created_at FROM analysis_run a WHERE a.user_id = ? AND a.universe = 'KOSPI200'
                AND EXISTS (SELECT 1 FROM analysis_result r WHERE r.run_id = a.run_id AND r.user_id = ?
                            AND r.grade = 'A')
                ORDER BY a.created_at DESC, a.run_id DESC LIMIT 21""";
        int sqlIterations = iterations;
        int slowIterations = Math.max(20, iterations / 10);
        long[] withIndex = time(sqlIterations, sqlIterations / 5, () -> sql(jdbc, page, 1));
        long[] symbolWithIndex = time(sqlIterations, sqlIterations / 5, () -> sql(jdbc, bySymbol, 2));
        long[] gradeNow = time(sqlIterations, sqlIterations / 5, () -> sql(jdbc, byGrade, 1));
        long[] gradeFormer = time(Math.max(20, iterations / 10), 3, () -> sql(jdbc, byGradeFormer, 2));
        jdbc.setAutoCommit(false);
        long[] withoutIndex;
        long[] symbolWithoutIndex;
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("DROP INDEX analysis_run_user_created_idx");
            statement.execute("DROP INDEX analysis_result_user_symbol_idx");
            withoutIndex = time(slowIterations, 3, () -> sql(jdbc, page, 1));
            symbolWithoutIndex = time(slowIterations, 3, () -> sql(jdbc, bySymbol, 2));
        } finally {
            jdbc.rollback();
            jdbc.setAutoCommit(true);
        }
        line("  SQL page query   with index p99 %6.2f ms | baseline without index p99 %8.2f ms (%d runs) -> %.0fx",
                ms(percentile(withIndex, 99)), ms(percentile(withoutIndex, 99)), slowIterations,
                percentile(withoutIndex, 99) / (double) percentile(withIndex, 99));
        line("  SQL symbol query with index p99 %6.2f ms | baseline without index p99 %8.2f ms (%d runs) -> %.0fx",
                ms(percentile(symbolWithIndex, 99)), ms(percentile(symbolWithoutIndex, 99)), slowIterations,
                percentile(symbolWithoutIndex, 99) / (double) percentile(symbolWithIndex, 99));
        line("  SQL grade query  current    p99 %6.2f ms | baseline former form (user predicate) p99 %8.2f ms -> %.0fx",
                ms(percentile(gradeNow, 99)), ms(percentile(gradeFormer, 99)),
                percentile(gradeFormer, 99) / (double) percentile(gradeNow, 99));
    }

    private static String cursorAfterPages(HttpClient http, String base, String token, int pages) throws Exception {
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            String body = get(http, base + "?limit=20" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token);
            cursor = TestEvents.JSON.readTree(body).get("nextCursor").asString();
        }
        return cursor;
    }

    private static String get(HttpClient http, String uri, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void sql(Connection jdbc, String sql, int userParameters) throws SQLException {
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            for (int i = 1; i <= userParameters; i++) {
                statement.setString(i, HEAVY_USER);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** Sorted latencies of {@code iterations} sequential calls after {@code warmup} untimed ones. */
    private static long[] time(int iterations, int warmup, Call call) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long percentile(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.add(text);
        System.out.println("[bench] " + text);
    }
}
