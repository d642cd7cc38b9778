package io.stockradar.localstack;

import io.stockradar.testsupport.EmbeddedKafkaServer;
import io.stockradar.testsupport.EmbeddedPostgresServer;
import io.stockradar.testsupport.EmbeddedRedisServer;
import io.stockradar.testsupport.FreePorts;
import org.slf4j.Logger;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The whole of Stock Radar on one machine without Docker: embedded PostgreSQL 17, Redis and Kafka, and
 * every service as its own JVM, with {@code instances} copies of market-data-service and agent-service
 * load-balanced by the gateway. {@link #main} is command one of the README; the end-to-end tests use
 * {@link #start(Options)} with random ports.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String VERSION = "0.1.0-SNAPSHOT";

    /**
     * @param root          the repository root (where each module's {@code target/*.jar} is)
     * @param workDir       where logs, pid files and (if {@code persistent}) database files go
     * @param fixedPorts    the documented ports (gateway 8080, auth 9000, ...) instead of free random ones
     * @param gatewayPort   the gateway's port when {@code fixedPorts}
     * @param instances     copies of market-data-service and agent-service (at least 2 in the README's stack)
     * @param persistent    keep PostgreSQL data across restarts in {@code workDir/postgres}
     * @param jvmArgs       extra JVM options for every service
     * @param provider      market data: {@code demo} (bundled), {@code yahoo} (live), or {@code auto}: Yahoo
     *                      when it answers from this machine, else demo
     * @param startupCache  run each service from its extracted jar with an AOT cache (JDK 25+; CDS before) trained
     *                      once per build in {@code workDir/aot} ({@link StartupCache})
     * @param concurrency   services starting at a time: the next one starts when one is ready (0: all at once)
     */
    public record Options(Path root, Path workDir, boolean fixedPorts, int gatewayPort, int instances,
                          boolean persistent, List<String> jvmArgs, Duration startupTimeout, String provider,
                          boolean startupCache, int concurrency) {

        public Options {
            if (!List.of("auto", "demo", "yahoo").contains(provider)) {
                throw new IllegalArgumentException("provider must be auto, demo or yahoo, not " + provider);
            }
            if (concurrency < 0) {
                throw new IllegalArgumentException("concurrency must be 0 (all at once) or more, not " + concurrency);
            }
        }

        /** All services at once from their uber jars, no start-up cache. */
        public Options(Path root, Path workDir, boolean fixedPorts, int gatewayPort, int instances, boolean persistent,
                       List<String> jvmArgs, Duration startupTimeout, String provider) {
            this(root, workDir, fixedPorts, gatewayPort, instances, persistent, jvmArgs, startupTimeout, provider,
                    false, 0);
        }

        /** Tests never call Yahoo: always the bundled demo data. */
        public static Options forTests(Path root) {
            return new Options(root, root.resolve("e2e-tests/target/stack"), false, 0, 2, false,
                    List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Duration.ofMinutes(5), "demo");
        }
    }

    private final Options options;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedRedisServer redis;
    private EmbeddedKafkaServer kafka;
    private String gatewayUrl;
    private String provider;
    private StartupCache startupCache;

    private LocalStack(Options options) {
        this.options = options;
    }

    public static LocalStack start(Options options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    /** The market data provider the stack runs with: {@code demo} or {@code yahoo}. */
    public String provider() {
        return provider;
    }

    /** The stack's PostgreSQL server, for tests that check what was (not) stored. */
    public io.stockradar.testsupport.Postgres postgres() {
        return postgres;
    }

    public List<ServiceProcess> services() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }

    public List<ServiceProcess> instancesOf(String name) {
        return services().stream().filter(s -> s.name().equals(name)).toList();
    }

    private void startAll() {
        long begin = System.nanoTime();
        Path logs = options.workDir().resolve("logs");
        createDirectories(logs);
        checkJarsExist();

        log.info("Starting embedded PostgreSQL 17, Redis and Kafka ...");
        // Redis first, on its own (a fraction of a second): it writes its binary to a temporary file and runs it,
        // and that exec fails with ETXTBSY ("Text file busy") when another thread forks at that moment (PostgreSQL
        // starting initdb) and the child inherits the binary's still-open write handle. Then PostgreSQL and Kafka
        // side by side: they do not depend on one another and each mostly waits on its own I/O, and Kafka runs in
        // this JVM without starting any process. Every server that started is assigned, so that close() stops it
        // when another one failed.
        redis = EmbeddedRedisServer.start(0);
        List<RuntimeException> failures = new ArrayList<>();
        try (ExecutorService starters = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("infra-", 1).factory())) {
            CompletableFuture<EmbeddedPostgresServer> startingPostgres = CompletableFuture.supplyAsync(() -> {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(0,
                        options.persistent() ? options.workDir().resolve("postgres") : null);
                for (String db : List.of("auth", "agent", "history")) {
                    server.createDatabase(db);
                }
                return server;
            }, starters);
            CompletableFuture<EmbeddedKafkaServer> startingKafka =
                    CompletableFuture.supplyAsync(() -> EmbeddedKafkaServer.start(0), starters);
            postgres = joinOrNull(startingPostgres, failures);
            kafka = joinOrNull(startingKafka, failures);
        }
        if (!failures.isEmpty()) {
            failures.stream().skip(1).forEach(failures.getFirst()::addSuppressed);
            throw failures.getFirst();
        }
        log.info("Infrastructure up: PostgreSQL :{}, Redis :{}, Kafka {}", postgres.port(), redis.port(),
                kafka.bootstrapServers());

        int gateway = port(options.gatewayPort());
        // The gateway's actuator has a port of its own (never the public one): the next one up with fixed ports
        // (8081 beside 8080, as everywhere else), a free one with random ports.
        int gatewayManagement = port(options.gatewayPort() + 1);
        int auth = port(9000);
        List<Integer> marketData = ports(9101, options.instances());
        List<Integer> agent = ports(9201, options.instances());
        int history = port(9301);
        gatewayUrl = "http://localhost:" + gateway;

        Map<String, String> env = new HashMap<>();
        env.put("STOCKRADAR_JWT_ISSUER", gatewayUrl);
        env.put("SERVED_BY_ENABLED", "true"); // a local run shows which instance answered (X-Served-By)
        env.put("AUTH_JWKS_URI", "http://localhost:" + auth + "/.well-known/jwks.json");
        env.put("DB_USERNAME", postgres.username());
        env.put("DB_PASSWORD", postgres.password());
        env.put("REDIS_HOST", "localhost");
        env.put("REDIS_PORT", Integer.toString(redis.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MARKET_DATA_URL", "http://localhost:" + marketData.getFirst());
        provider = MarketDataProviderChoice.choose(options.provider());
        env.put("MARKET_DATA_PROVIDER", provider);
        env.put("OTEL_SDK_DISABLED", "true");
        // no metrics collector runs locally: Prometheus scrapes /actuator/prometheus instead
        env.put("MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED", "false");

        // The gateway exchanges API keys at auth-service with its own client credentials: a fresh secret
        // per run, its BCrypt hash given to auth-service. Nothing secret is written to disk.
        String gatewaySecret = randomSecret();
        Map<String, String> authEnv = withDb(env, "auth");
        authEnv.put("STOCKRADAR_CLIENTS_GATEWAY_SECRETHASH", bcrypt(gatewaySecret));
        authEnv.put("STOCKRADAR_CLIENTS_GATEWAY_SCOPES", "apikey:exchange");
        Map<String, String> gatewayEnv = new HashMap<>(env);
        gatewayEnv.put("GATEWAY_CLIENT_SECRET", gatewaySecret);
        // Clients on this machine may name their address (the end-to-end tests and benchmarks act as many clients)
        gatewayEnv.put("TRUSTED_PROXIES", "127.0.0.0/8,::1/128");
        // agent-service and history-service read market-data's /internal/** with service tokens (scope
        // market:read). Client ids are the application names; SPRING_APPLICATION_JSON keeps their dashes,
        // which environment-variable names cannot.
        String agentSecret = randomSecret();
        String historySecret = randomSecret();
        authEnv.put("SPRING_APPLICATION_JSON", """
                {"stockradar":{"clients":{\
                "agent-service":{"secret-hash":"%s","scopes":"market:read"},\
                "history-service":{"secret-hash":"%s","scopes":"market:read"}}}}"""
                .formatted(bcrypt(agentSecret), bcrypt(historySecret)));
        env.put("AUTH_TOKEN_URI", "http://localhost:" + auth + "/oauth2/token");
        Map<String, String> agentEnv = withDb(env, "agent");
        agentEnv.put("MARKET_DATA_CLIENT_SECRET", agentSecret);
        Map<String, String> historyEnv = withDb(env, "history");
        historyEnv.put("MARKET_DATA_CLIENT_SECRET", historySecret);

        List<String> marketDataInstances = instanceArgs("market-data-service", marketData);
        List<Planned> plan = new ArrayList<>();
        plan.add(new Planned("auth-service", auth, authEnv, List.of()));
        for (int port : marketData) {
            plan.add(new Planned("market-data-service", port, env, List.of()));
        }
        for (int port : agent) {
            plan.add(new Planned("agent-service", port, agentEnv, marketDataInstances));
        }
        plan.add(new Planned("history-service", history, historyEnv, List.of()));
        List<String> gatewayArgs = new ArrayList<>();
        gatewayArgs.addAll(instanceArgs("auth-service", List.of(auth)));
        gatewayArgs.addAll(marketDataInstances);
        gatewayArgs.addAll(instanceArgs("agent-service", agent));
        gatewayArgs.addAll(instanceArgs("history-service", List.of(history)));
        gatewayEnv.put("MANAGEMENT_PORT", Integer.toString(gatewayManagement));
        gatewayArgs.add("--management.server.port=" + gatewayManagement);
        plan.add(new Planned("gateway", gateway, gatewayManagement, gatewayEnv, gatewayArgs));

        startupCache = options.startupCache() ? new StartupCache(options.workDir()) : null;
        if (options.concurrency() == 0) {
            // every JVM at once, then wait for each
            for (Planned service : plan) {
                launch(service);
                writePidFile(); // after each: a training run can make the next launch wait
            }
            for (ServiceProcess service : services()) {
                service.awaitReady(options.startupTimeout());
                log.info("  {} ready on {} (pid {})", service.name(), service.url(), service.pid());
            }
        } else {
            startAtMost(options.concurrency(), plan);
        }
        log.info("All {} services ready in {} s", services.size(), (System.nanoTime() - begin) / 1_000_000_000);
    }

    private static <T> T joinOrNull(CompletableFuture<T> starting, List<RuntimeException> failures) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            failures.add(e.getCause() instanceof RuntimeException runtime ? runtime : e);
            return null;
        }
    }

    /** {@code managementPort}: where its actuator answers, {@code port} for every service but the gateway. */
    private record Planned(String name, int port, int managementPort, Map<String, String> env, List<String> extraArgs) {

        Planned(String name, int port, Map<String, String> env, List<String> extraArgs) {
            this(name, port, port, env, extraArgs);
        }
    }

    /** Starts the services in plan order, at most {@code limit} of them starting at a time. */
    private void startAtMost(int limit, List<Planned> plan) {
        ExecutorService starters = Executors.newFixedThreadPool(limit, Thread.ofPlatform().name("start-", 1).factory());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (Planned service : plan) {
                started.add(starters.submit(() -> {
                    ServiceProcess process = launch(service);
                    writePidFile();
                    process.awaitReady(options.startupTimeout());
                    log.info("  {} ready on {} (pid {})", process.name(), process.url(), process.pid());
                }));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the services", e);
        } finally {
            starters.shutdownNow();
        }
    }

    /** Starts one service; with the start-up cache on, extracts and trains it first if needed (not timed here). */
    private ServiceProcess launch(Planned service) {
        Map<String, String> serviceEnv = new HashMap<>(service.env());
        serviceEnv.put("PORT", Integer.toString(service.port()));
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + service.port());
        args.addAll(service.extraArgs());
        Path logs = options.workDir().resolve("logs");
        List<String> jvmArgs = options.jvmArgs();
        Path jar = jar(service.name());
        if (startupCache != null) {
            StartupCache.Launch launch = startupCache.prepare(service.name(), jar, jvmArgs, serviceEnv, args, logs,
                    Instant.now().plus(options.startupTimeout()));
            jvmArgs = new ArrayList<>(launch.cacheOptions());
            jvmArgs.addAll(options.jvmArgs());
            jar = launch.jar();
        }
        ServiceProcess process = ServiceProcess.start(service.name(), service.port(), service.managementPort(), jar, jvmArgs, serviceEnv, args, logs);
        synchronized (services) {
            services.add(process);
        }
        return process;
    }

    private Map<String, String> withDb(Map<String, String> env, String database) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put("DB_URL", postgres.jdbcUrl(database));
        return copy;
    }

    private static String bcrypt(String secret) {
        return new BCryptPasswordEncoder(10).encode(secret);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> instanceArgs(String service, List<Integer> ports) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            args.add("--spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri=http://localhost:"
                    + ports.get(i));
        }
        return args;
    }

    private int port(int fixed) {
        return options.fixedPorts() ? fixed : FreePorts.find();
    }

    private List<Integer> ports(int first, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(port(first + i));
        }
        return ports;
    }

    private Path jar(String module) {
        return options.root().resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    private void checkJarsExist() {
        List<String> missing = List.of("auth-service", "market-data-service", "agent-service", "history-service", "gateway")
                .stream().filter(m -> !Files.isRegularFile(jar(m))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Service jars not built: " + missing
                    + " (run ./mvnw -DskipTests package first, or use ./stack.sh, which does)");
        }
    }

    private void writePidFile() {
        synchronized (services) {
            writePidFileLocked();
        }
    }

    private void writePidFileLocked() {
        String pids = services.stream().map(s -> Long.toString(s.pid())).collect(Collectors.joining("\n"));
        try {
            Files.writeString(options.workDir().resolve("services.pid"), pids + "\n");
            Files.writeString(options.workDir().resolve("launcher.pid"), ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        List<ServiceProcess> started = services();
        for (ServiceProcess service : started.reversed()) {
            service.requestStop();
        }
        for (ServiceProcess service : started.reversed()) {
            service.awaitExit(Duration.ofSeconds(25));
        }
        synchronized (services) {
            services.clear();
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        try {
            Files.deleteIfExists(options.workDir().resolve("services.pid"));
            Files.deleteIfExists(options.workDir().resolve("launcher.pid"));
        } catch (IOException e) {
            // best effort
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("stockradar.root", ".")).toAbsolutePath().normalize();
        int gatewayPort = Integer.getInteger("stockradar.gateway.port", 8080);
        int instances = Integer.getInteger("stockradar.instances", 2);
        String provider = System.getProperty("stockradar.provider",
                System.getenv().getOrDefault("MARKET_DATA_PROVIDER", "auto"));
        // Benchmarks run a stack of their own beside a developer's: free random ports, their own throw-away
        // working directory (bench/edge/run.sh).
        boolean randomPorts = Boolean.getBoolean("stockradar.random-ports");
        Path workDir = Path.of(System.getProperty("stockradar.work-dir", root.resolve(".stack").toString()));
        boolean persistent = Boolean.parseBoolean(System.getProperty("stockradar.persistent", "true"));
        List<String> jvmArgs = List.of(System.getProperty("stockradar.jvm-args", "-Xmx512m -XX:+UseSerialGC").split("\\s+"));
        boolean startupCache = Boolean.parseBoolean(System.getProperty("stockradar.startup-cache", "true"));
        int concurrency = Integer.getInteger("stockradar.start-concurrency", 0);
        Options options = new Options(root, workDir, !randomPorts, gatewayPort, instances, persistent,
                jvmArgs, Duration.ofMinutes(5), provider, startupCache, concurrency);
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack[] holder = new LocalStack[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping every process the stack started ...");
            synchronized (holder) {
                if (holder[0] != null) {
                    holder[0].close();
                }
            }
            stopped.countDown();
            log.info("Stopped.");
        }, "local-stack-shutdown"));
        LocalStack stack = start(options);
        synchronized (holder) {
            holder[0] = stack;
        }
        log.info("Logs: {}", options.workDir().resolve("logs"));
        log.info("Stock Radar is ready at {}  ({} data; Ctrl-C or ./stack.sh stop ends every process)",
                stack.gatewayUrl(), stack.provider());
        stopped.await();
    }
}
