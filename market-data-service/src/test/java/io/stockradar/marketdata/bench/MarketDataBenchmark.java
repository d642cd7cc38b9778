package io.stockradar.marketdata.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.marketdata.MarketDataServiceApplication;
import io.stockradar.marketdata.dart.DartLimiterBench;
import io.stockradar.marketdata.upstream.Recordings;
import io.stockradar.marketdata.upstream.UpstreamStub;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * market-data-service benchmark ({@code bench/market-data/run.sh}). Real service instances (the production
 * Spring application, in this JVM, on random ports) on the embedded Redis of test-support; every figure is
 * reported next to a baseline measured in the same invocation:
 * <ol type="a">
 * <li>warm {@code POST /internal/bars} of 500 symbols: latency p50/p95 and Redis commands per request
 * ({@code INFO commandstats} deltas) vs one {@code GET /api/market/bars/{symbol}} (and a 1-symbol batch);</li>
 * <li>upstream (Yahoo stub) calls per 100 concurrent misses of one key on two instances, single-flight on vs
 * off;</li>
 * <li>DART limiter: two instances, 50 callers, ≥ 5 s: achieved rate / allowed rate, 1-s windows over budget,
 * next to what the stub takes without a limiter.</li>
 * </ol>
 * System properties: {@code bench.symbols} (500), {@code bench.iterations} (50), {@code bench.baselineIterations}
 * (200), {@code bench.misses} (100), {@code bench.rounds} (5), {@code bench.limiterMillis} (6000),
 * {@code bench.callers} (50), {@code bench.parts} ({@code abc}).
 */
public final class MarketDataBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ISSUER = "http://bench.issuer";
    private static final List<String> SUMMARY = new ArrayList<>();

    private MarketDataBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String parts = System.getProperty("bench.parts", "abc");
        Redis redis = SharedInfrastructure.redis();
        Tokens tokens = new Tokens();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        summary("run at " + DateTimeFormatter.ISO_INSTANT.format(Instant.now()) + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        try {
            if (parts.contains("a")) {
                warmBatch(redis, tokens, http);
            }
            if (parts.contains("b")) {
                singleFlight(redis, tokens, http);
            }
            if (parts.contains("c")) {
                limiter(redis);
            }
        } catch (Throwable e) {
            e.printStackTrace();
            summary("FAILED: " + e);
        } finally {
            System.out.println();
            System.out.println("== summary");
            SUMMARY.forEach(System.out::println);
            System.out.flush();
            Runtime.getRuntime().halt(SUMMARY.stream().anyMatch(l -> l.startsWith("FAILED")) ? 1 : 0);
        }
    }

    // ---------------------------------------------------------------- (a) warm batch bars
    private static void warmBatch(Redis redis, Tokens tokens, HttpClient http) throws Exception {
        int symbols = Integer.getInteger("bench.symbols", 500);
        int iterations = Integer.getInteger("bench.iterations", 50);
        int baselineIterations = Integer.getInteger("bench.baselineIterations", 200);
        flush(redis);
        try (ConfigurableApplicationContext app = start(redis, tokens, "--stockradar.market-data.provider=demo")) {
            String base = "http://localhost:" + port(app);
            List<String> chosen = new ArrayList<>();
            for (String universe : List.of("KOSPI200", "SP500", "KOSDAQ150")) {
                JsonNode members = JSON.readTree(send(http, get(base + "/internal/universes/" + universe,
                        tokens.service())).body()).path("members");
                members.forEach(m -> chosen.add(m.path("symbol").asString()));
            }
            List<String> batch = chosen.subList(0, Math.min(symbols, chosen.size()));
            String batchBody = JSON.writeValueAsString(Map.of("symbols", batch, "days", 400));
            String oneBody = JSON.writeValueAsString(Map.of("symbols", List.of("AAPL"), "days", 400));
            HttpRequest batchRequest = post(base + "/internal/bars", tokens.service(), batchBody);
            HttpRequest oneRequest = post(base + "/internal/bars", tokens.service(), oneBody);
            HttpRequest single = get(base + "/api/market/bars/AAPL?range=2y", tokens.user());

            long coldStart = System.nanoTime();
            HttpResponse<String> cold = send(http, batchRequest);
            double coldMs = (System.nanoTime() - coldStart) / 1e6;
            JsonNode coldBody = JSON.readTree(cold.body());
            int served = coldBody.path("series").size();
            System.out.printf("(a) %d symbols requested, %d served, %d missing; cold call %.1f ms, %d bytes%n",
                    batch.size(), served, coldBody.path("missing").size(), coldMs, cold.body().length());
            for (int i = 0; i < 5; i++) { // JIT warm-up of both paths
                send(http, batchRequest);
                send(http, single);
                send(http, oneRequest);
            }
            Stats singleStats = measure(http, single, baselineIterations, redis);
            Stats oneStats = measure(http, oneRequest, baselineIterations, redis);
            Stats batchStats = measure(http, batchRequest, iterations, redis);
            summary(String.format(Locale.ROOT, "(a) warm POST /internal/bars, %d symbols x 400 days (%d served, %d KB): "
                            + "p50 %.1f ms, p95 %.1f ms (n=%d); Redis %s per request",
                    batch.size(), served, cold.body().length() / 1024, batchStats.p50(), batchStats.p95(), iterations,
                    batchStats.redisPerRequest()));
            summary(String.format(Locale.ROOT, "    baseline GET /api/market/bars/AAPL?range=2y: p50 %.2f ms, p95 %.2f ms "
                            + "(n=%d); Redis %s per request", singleStats.p50(), singleStats.p95(), baselineIterations,
                    singleStats.redisPerRequest()));
            summary(String.format(Locale.ROOT, "    baseline POST /internal/bars, 1 symbol: p50 %.2f ms, p95 %.2f ms; "
                    + "Redis %s per request", oneStats.p50(), oneStats.p95(), oneStats.redisPerRequest()));
            summary(String.format(Locale.ROOT, "    ratio batch/GET p50 %.1fx, p95 %.1fx (for %dx the symbols); "
                            + "Redis round trips batch/GET %.2f/%.2f; cold batch %.0f ms",
                    batchStats.p50() / singleStats.p50(), batchStats.p95() / singleStats.p95(), batch.size(),
                    batchStats.commandsPerRequest(), singleStats.commandsPerRequest(), coldMs));
        }
    }

    private record Stats(double p50, double p95, double commandsPerRequest, String redisPerRequest) {
    }

    private static Stats measure(HttpClient http, HttpRequest request, int n, Redis redis) throws Exception {
        Map<String, Long> before = commandStats(redis);
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(http, request);
            millis[i] = (System.nanoTime() - started) / 1e6;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
        Map<String, Long> after = commandStats(redis);
        Map<String, Double> perRequest = new TreeMap<>();
        double total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            // INFO, and HELLO / CLIENT SETINFO of the connection that reads the stats, are the benchmark's own
            if (delta > 0 && !List.of("info", "hello", "client").contains(e.getKey())) {
                perRequest.put(e.getKey(), delta / (double) n);
                total += delta / (double) n;
            }
        }
        Arrays.sort(millis);
        String breakdown = perRequest.isEmpty() ? "0 commands" : String.format(Locale.ROOT, "%.2f commands %s", total,
                perRequest.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey(), e.getValue()))
                        .toList());
        return new Stats(percentile(millis, 50), percentile(millis, 95), total, breakdown);
    }

    /** {@code INFO commandstats}: calls per command since Redis started. */
    private static Map<String, Long> commandStats(Redis redis) {
        RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            Map<String, Long> calls = new LinkedHashMap<>();
            for (String line : connection.sync().info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String stats = line.substring(line.indexOf(':') + 1);
                    for (String kv : stats.split(",")) {
                        if (kv.startsWith("calls=")) {
                            calls.put(name, Long.parseLong(kv.substring("calls=".length())));
                        }
                    }
                }
            }
            return calls;
        } finally {
            client.shutdown();
        }
    }

    // ---------------------------------------------------------------- (b) single-flight
    private static void singleFlight(Redis redis, Tokens tokens, HttpClient http) throws Exception {
        int misses = Integer.getInteger("bench.misses", 100);
        int rounds = Integer.getInteger("bench.rounds", 5);
        try (UpstreamStub yahoo = new UpstreamStub()) {
            yahoo.on("/v8/finance/chart/AAPL", Recordings.yahoo("chart-AAPL-2020-08-31-to-2020-11-07.json"));
            yahoo.hold(Duration.ofMillis(300)); // the misses overlap the upstream call, as under real latency
            List<Integer> withSingleFlight = missRounds(redis, tokens, http, yahoo, misses, rounds, true);
            List<Integer> without = missRounds(redis, tokens, http, yahoo, misses, Math.max(1, rounds / 2), false);
            double on = withSingleFlight.stream().mapToInt(Integer::intValue).average().orElseThrow();
            double off = without.stream().mapToInt(Integer::intValue).average().orElseThrow();
            summary(String.format(Locale.ROOT, "(b) upstream calls per %d concurrent misses of one key on 2 instances: "
                            + "single-flight %s (mean %.2f) vs without %s (mean %.1f): ratio %.3f", misses,
                    withSingleFlight, on, without, off, on / off));
        }
    }

    private static List<Integer> missRounds(Redis redis, Tokens tokens, HttpClient http, UpstreamStub yahoo,
                                            int misses, int rounds, boolean singleFlight) throws Exception {
        String[] args = {"--stockradar.market-data.provider=yahoo", "--stockradar.yahoo.base-url=" + yahoo.baseUrl(),
                "--stockradar.yahoo.cookie-url=" + yahoo.url("/fc"),
                "--stockradar.cache.single-flight.enabled=" + singleFlight};
        List<Integer> calls = new ArrayList<>();
        try (ConfigurableApplicationContext a = start(redis, tokens, args);
             ConfigurableApplicationContext b = start(redis, tokens, args)) {
            List<String> bases = List.of("http://localhost:" + port(a), "http://localhost:" + port(b));
            String body = "{\"symbols\":[\"AAPL\"],\"days\":30}";
            for (int round = 0; round < rounds; round++) {
                flush(redis);
                yahoo.reset();
                CountDownLatch go = new CountDownLatch(1);
                try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<HttpResponse<String>>> responses = new ArrayList<>();
                    for (int i = 0; i < misses; i++) {
                        HttpRequest request = post(bases.get(i % 2) + "/internal/bars", tokens.service(), body);
                        responses.add(callers.submit(() -> {
                            go.await();
                            return send(http, request);
                        }));
                    }
                    go.countDown();
                    for (Future<HttpResponse<String>> response : responses) {
                        HttpResponse<String> r = response.get(60, java.util.concurrent.TimeUnit.SECONDS);
                        if (r.statusCode() != 200 || !r.body().contains("\"AAPL\"")) {
                            throw new IllegalStateException("miss answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                }
                calls.add(yahoo.count("/v8/finance/chart/AAPL"));
            }
        }
        System.out.printf("(b) single-flight %s: upstream calls per round %s%n", singleFlight ? "on" : "off", calls);
        return calls;
    }

    // ---------------------------------------------------------------- (c) DART limiter
    private static void limiter(Redis redis) throws Exception {
        Duration runFor = Duration.ofMillis(Long.getLong("bench.limiterMillis", 6_000));
        int callers = Integer.getInteger("bench.callers", 50);
        double unlimited = DartLimiterBench.unlimitedPerSecond(Duration.ofSeconds(1));
        DartLimiterBench.Result result = DartLimiterBench.limited(redis, callers, runFor);
        List<Instant> t = result.arrivals();
        double span = Duration.between(t.getFirst(), t.getLast()).toNanos() / 1e9;
        double achieved = (t.size() - 1) / span; // arrivals per second between the first and the last one
        int worst = 0;
        int windowsOver = 0;
        for (int i = 0; i < t.size(); i++) { // every 1-s window that starts at an arrival
            Instant end = t.get(i).plusSeconds(1);
            int in = 0;
            for (int j = i; j < t.size() && t.get(j).isBefore(end); j++) {
                in++;
            }
            worst = Math.max(worst, in);
            if (in > result.budgetPerSecond()) {
                windowsOver++;
            }
        }
        summary(String.format(Locale.ROOT, "(c) DART limiter, 2 instances, %d callers, %.1f s: %d requests reached "
                        + "the stub (A %d / B %d, %d gave up at their deadline) = %.2f req/s", callers,
                runFor.toMillis() / 1000.0, t.size(), result.servedByA(), result.servedByB(), result.gaveUp(), achieved));
        summary(String.format(Locale.ROOT, "    utilisation %.1f%% of the allowed %d/s (%.1f%% of the configured "
                        + "permit rate %.1f/s); busiest 1-s window %d; 1-s windows over %d/s: %d of %d; "
                        + "permits dropped as too late: %d",
                100 * achieved / result.budgetPerSecond(), result.budgetPerSecond(),
                100 * achieved / result.configuredPerSecond(), result.configuredPerSecond(), worst,
                result.budgetPerSecond(), windowsOver, t.size(), result.droppedLate()));
        summary(String.format(Locale.ROOT, "    baseline: the same client without the limiter, 1 caller: %.0f req/s "
                + "(the limiter, not the stub, sets the pace: %.1fx headroom)", unlimited, unlimited / achieved));
    }

    // ---------------------------------------------------------------- plumbing
    private static ConfigurableApplicationContext start(Redis redis, Tokens tokens, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.data.redis.host=" + redis.host(),
                "--spring.data.redis.port=" + redis.port(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + tokens.jwksUri(),
                "--stockradar.security.jwt.issuer=" + ISSUER, "--logging.level.root=WARN",
                "--logging.level.io.stockradar=WARN", "--spring.main.banner-mode=off",
                "--management.tracing.sampling.probability=0.0",
                // as deployed: commons-pool2 is only on the test classpath (test-support), the jar has no pool
                "--spring.data.redis.lettuce.pool.enabled=false"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(MarketDataServiceApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static void flush(Redis redis) {
        RedisClient client = RedisClient.create("redis://" + redis.host() + ":" + redis.port());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    private static HttpRequest get(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static HttpRequest post(String uri, String token, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void summary(String line) {
        System.out.println(line);
        SUMMARY.add(line);
    }

    /** An RSA key whose JWKS a local server publishes; user and service tokens as auth-service issues them. */
    private static final class Tokens {
        private final RSAKey key;
        private final MockWebServer jwks = new MockWebServer();

        Tokens() throws Exception {
            key = new RSAKeyGenerator(2048).keyID("bench").generate();
            String body = new JWKSet(key.toPublicJWK()).toString();
            jwks.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
                }
            });
            jwks.start();
        }

        String jwksUri() {
            return jwks.url("/.well-known/jwks.json").toString();
        }

        String user() {
            return sign(StockRadarJwt.AUDIENCE, Map.of(StockRadarJwt.CLAIM_ROLES, List.of("USER")),
                    UUID.randomUUID().toString());
        }

        String service() {
            return sign(StockRadarJwt.INTERNAL_AUDIENCE, Map.of(StockRadarJwt.CLAIM_SCOPE, "market:read"), "agent-service");
        }

        private String sign(String audience, Map<String, Object> claims, String subject) {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(audience))
                    .subject(subject).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3_600)));
            claims.forEach(builder::claim);
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                        builder.build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
