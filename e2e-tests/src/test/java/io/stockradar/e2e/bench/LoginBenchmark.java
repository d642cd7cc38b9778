package io.stockradar.e2e.bench;

import io.stockradar.localstack.LocalStack;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import tools.jackson.databind.json.JsonMapper;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Login throughput through the gateway against the ceiling set by password hashing, both measured in
 * the same run on the same machine, plus the per-request cost of JWT validation at the gateway.
 * Run with {@code bench/auth/run.sh}; see bench/auth/README.md. Not a test: nothing here asserts.
 */
public final class LoginBenchmark {

    private static final String PASSWORD = "benchmark passphrase 2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1 without an h2c upgrade; every request has a timeout (a pooled connection the gateway had closed
    // while the client sat idle during the hashing phases once left the validation phase waiting forever)
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("stockradar.root", ".")).toAbsolutePath().normalize();
        int rounds = Integer.getInteger("rounds", 3);
        Duration phase = Duration.ofSeconds(Integer.getInteger("phaseSeconds", 20));
        int clients = Integer.getInteger("clients", 16);
        int cores = Runtime.getRuntime().availableProcessors();
        pinArgon2Compilation(root);

        LocalStack.Options options = new LocalStack.Options(root, root.resolve("bench/auth/target/stack"), false, 0, 2,
                false, List.of(System.getProperty("stackJvm", "-Xmx512m -XX:+UseSerialGC").split("\\s+")), Duration.ofMinutes(5), "demo");
        try (LocalStack stack = LocalStack.start(options)) {
            String gateway = stack.gatewayUrl();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String name = "bench_" + System.nanoTime() % 1_000_000 + "_" + i;
                post(gateway + "/api/auth/signup", Map.of("username", name, "email", name + "@example.com", "password", PASSWORD), null,
                        address(name));
                users.add(name);
            }
            warmUp(gateway, users, clients);
            measureHashes(cores, Duration.ofSeconds(10));

            double[] hashRates = new double[rounds];
            double[] loginRates = new double[rounds];
            double[] strictRatios = new double[rounds];
            AtomicLong failures = new AtomicLong();
            // The two phases alternate, and their order flips every round (H L, L H, H L ...), so that drift in
            // this shared machine's speed falls on both alike.
            for (int r = 0; r < rounds; r++) {
                String hashCpu = null;
                String loginCpu = null;
                double baselineMsPerHash = 0;
                double serviceMsPerHash = 0;
                for (int phaseIndex = 0; phaseIndex < 2; phaseIndex++) {
                    boolean hashing = (phaseIndex + r) % 2 == 0;
                    Map<String, Duration> before = cpuByProcess();
                    long start = System.nanoTime();
                    if (hashing) {
                        Hashing hashes = measureHashes(cores, phase);
                        hashRates[r] = hashes.perSecond();
                        baselineMsPerHash = hashes.cpuMillisPerHash();
                        hashCpu = cpuPer(before, cpuByProcess(), Math.round(hashRates[r] * (System.nanoTime() - start) / 1e9));
                    } else {
                        double[] login = measureLogins(gateway, users, clients, phase);
                        loginRates[r] = login[0];
                        failures.addAndGet((long) login[1]);
                        long logins = Math.round(login[0] * (System.nanoTime() - start) / 1e9);
                        Map<String, Duration> after = cpuByProcess();
                        loginCpu = cpuPer(before, after, logins);
                        serviceMsPerHash = millisPer(before, after, "auth-service[argon2]", logins);
                    }
                }
                double ratio = loginRates[r] / hashRates[r];
                strictRatios[r] = strictRatio(ratio, baselineMsPerHash, serviceMsPerHash);
                System.out.printf("round %d: hash ceiling %.1f/s (%d threads), logins via gateway %.1f/s (%d clients), ratio %.2f%n",
                        r + 1, hashRates[r], cores, loginRates[r], clients, ratio);
                System.out.printf("  hash CPU: baseline threads %.1f ms, auth-service's hashers %.1f ms per login; "
                        + "ratio against the faster: %.2f%n", baselineMsPerHash, serviceMsPerHash, strictRatios[r]);
                System.out.println("  CPU per hash:  " + hashCpu);
                System.out.println("  CPU per login: " + loginCpu);
            }

            // a fresh client: connections the first one pooled during sign-up sat idle through the login phases,
            // and reusing them once left the validation phase waiting forever
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String token = token(client, gateway, users.getFirst());
            double[] validation = measureValidation(client, gateway, token, 2_000, Integer.getInteger("validationRounds", 5));

            double medianRatio = median(ratio(loginRates, hashRates));
            System.out.println();
            System.out.println("== Login throughput (" + rounds + " rounds of " + phase.toSeconds() + " s, " + cores + " cores) ==");
            System.out.printf("hash ceiling (Argon2id m=19MiB t=2 p=1, %d threads): median %.1f hashes/s%n", cores, median(hashRates));
            System.out.printf("login via gateway (%d concurrent clients):          median %.1f logins/s, %d non-200%n",
                    clients, median(loginRates), failures.get());
            System.out.printf("login / hash ceiling:                               median %.0f%% (goal >= 85%%)%n", medianRatio * 100);
            System.out.printf("  the same, ceiling at the faster hash of the two:  median %.0f%%%n", median(strictRatios) * 100);
            System.out.println("== Token validation at the gateway (sequential, same path, 404 after security) ==");
            System.out.printf("with a valid JWT: %.0f us/request; without a token: %.0f us/request; validation cost: %.0f us (median of rounds)%n",
                    validation[0], validation[1], validation[0] - validation[1]);
            System.out.printf("requests without an answer within 5 s (left out of the timings): %d%n", UNANSWERED.get());
            System.out.println("auth-service's compiled Argon2 code in use (method tier:machine-code bytes): " + argon2Code());
        }
    }

    /**
     * The shape the JIT built of Bouncy Castle's Argon2 in auth-service ({@code jcmd <pid> Compiler.codelist}): every
     * compiled method still in use, with its tiers and machine-code sizes ({@code applyBlake()V 3:1104 4:3464}: tier 3
     * in 1,104 bytes and tier 4 in 3,464), so that a run whose in-service hash is far slower than the baseline's can be
     * told apart by its code.
     */
    private static String argon2Code() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return ProcessHandle.allProcesses()
                .filter(process -> "auth-service".equals(jarName(process.info().arguments().orElse(new String[0]))))
                .findFirst()
                .map(auth -> {
                    try {
                        Process listing = new ProcessBuilder(jcmd.toString(), Long.toString(auth.pid()), "Compiler.codelist")
                                .redirectErrorStream(true).start();
                        String code;
                        try (var lines = listing.inputReader().lines()) {
                            code = argon2Code(lines);
                        }
                        listing.waitFor();
                        return code;
                    } catch (IOException | RuntimeException e) {
                        return "not available (" + e + ")";
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return "interrupted";
                    }
                })
                .orElse("auth-service not found");
    }

    /** The Argon2 methods of a {@code Compiler.codelist}, in use ({@code state} 0), by method: tier:bytes each. */
    static String argon2Code(Stream<String> codelist) {
        Map<String, List<String>> methods = new TreeMap<>();
        codelist.filter(line -> line.contains(" org.bouncycastle.crypto.generators.Argon2BytesGenerator")).forEach(line -> {
            // "<id> <tier> <state> <method>(<signature>)<return> [<start>, <code begin> - <code end>]"
            String[] fields = line.split(" ", 4);
            if (fields.length < 4 || !"0".equals(fields[2])) {
                return;
            }
            String method = fields[3].substring(0, fields[3].indexOf(" ["))
                    .replace("org.bouncycastle.crypto.generators.Argon2BytesGenerator", "")
                    .replace("Lorg/bouncycastle/crypto/generators/Argon2BytesGenerator$", "")
                    .replace("Lorg/bouncycastle/crypto/params/", "");
            String[] range = line.substring(line.lastIndexOf(',') + 1, line.lastIndexOf(']')).split(" - ");
            long bytes = Long.decode(range[1].strip()) - Long.decode(range[0].strip());
            methods.computeIfAbsent(method, name -> new ArrayList<>()).add(fields[1] + ":" + bytes);
        });
        StringBuilder code = new StringBuilder();
        methods.forEach((method, versions) -> {
            versions.sort(null);
            code.append(code.isEmpty() ? "" : ", ").append(method).append(' ').append(String.join(" ", versions));
        });
        return code.toString();
    }

    /**
     * The same compiler directives for the baseline's hashing as auth-service adds to its own JVM
     * ({@code Argon2Compilation}: C2 otherwise builds one of two shapes of Bouncy Castle's hashing loop, one about
     * 10 % slower, by the luck of its queue), so that the ceiling is the fast shape in every run, never the slow one.
     */
    private static void pinArgon2Compilation(Path root) throws Exception {
        Path directives = root.resolve("auth-service/src/main/resources/passwords/argon2-compiler-directives.json");
        Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                new Object[] {new String[] {directives.toString()}}, new String[] {String[].class.getName()});
        if (!String.valueOf(result).contains("added")) {
            throw new IllegalStateException("Argon2 compiler directives for the baseline: " + result);
        }
        System.out.println("Argon2 compiler directives for the baseline, as in auth-service: " + String.valueOf(result).strip());
    }

    /**
     * Logins until the services' JIT compilers have settled: a freshly started Spring service compiles for minutes
     * under load (auth-service still spent 8 s of compiler time in the minute from 100 to 160 s of logins, 3 ms of
     * CPU per login, and the gateway 5 s), a cost a long-running deployment pays once. Slices of 15 s, until the
     * compiler threads of all the stack's JVMs used less than {@code jitSettledMillisPerSecond} (default 20 ms of CPU
     * per second, 1 % of this machine) in a slice, after at least {@code warmupSeconds} (60) and at most
     * {@code warmupMaxSeconds} (600).
     */
    private static void warmUp(String gateway, List<String> users, int clients) throws Exception {
        Duration min = Duration.ofSeconds(Integer.getInteger("warmupSeconds", 60));
        Duration max = Duration.ofSeconds(Integer.getInteger("warmupMaxSeconds", 600));
        long settled = Long.getLong("jitSettledMillisPerSecond", 20);
        Duration slice = Duration.ofSeconds(15);
        long start = System.nanoTime();
        while (true) {
            Duration jitBefore = jitCpu();
            long sliceStart = System.nanoTime();
            double logins = measureLogins(gateway, users, clients, slice)[0];
            double seconds = (System.nanoTime() - sliceStart) / 1e9;
            double jitPerSecond = (jitCpu().toNanos() - jitBefore.toNanos()) / 1e6 / seconds;
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("warm-up %3d s: %.1f logins/s, JIT compilers %.0f ms of CPU per second%n",
                    elapsed.toSeconds(), logins, jitPerSecond);
            if (elapsed.compareTo(max) >= 0 || (elapsed.compareTo(min) >= 0 && jitPerSecond < settled)) {
                return;
            }
        }
    }

    /** CPU time used so far by the JIT compiler threads of the services' JVMs (started with -jar; Linux only). */
    private static Duration jitCpu() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self && process.info().command().orElse("").endsWith("/java")
                        && jarName(process.info().arguments().orElse(new String[0])) != null)
                .map(process -> threadCpu(process.pid()).getOrDefault("JIT", Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The ceiling: Argon2id with auth-service's parameters (OWASP floor: m = 19 MiB, t = 2, p = 1, 32-byte
     * hash of the benchmark password with a 16-byte salt), computed directly with Bouncy Castle on one
     * thread per core, each thread reusing its own Argon2 memory as auth-service's hashers do: the fastest
     * this machine verifies a password in Java, with no HTTP, database or token work around it.
     */
    private static Hashing measureHashes(int threads, Duration duration) throws Exception {
        byte[] salt = "stock-radar-salt".getBytes(StandardCharsets.UTF_8);
        byte[] expected = argon2id(salt, new Argon2BytesGenerator.FixedBlockPool(19_456));
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        ThreadMXBean threadCpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long cpuStart = threadCpu.getCurrentThreadCpuTime();
                    Argon2BytesGenerator.BlockPool memory = new Argon2BytesGenerator.FixedBlockPool(19_456);
                    while (System.nanoTime() < end) {
                        if (!Arrays.equals(argon2id(salt, memory), expected)) {
                            throw new IllegalStateException("hash mismatch");
                        }
                        count.incrementAndGet();
                    }
                    cpuNanos.addAndGet(threadCpu.getCurrentThreadCpuTime() - cpuStart);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double perSecond = count.get() / ((System.nanoTime() - start) / 1e9);
        return new Hashing(perSecond, cpuNanos.get() / 1e6 / Math.max(1, count.get()));
    }

    /** A baseline phase: hashes per second, and the CPU its hashing threads used per hash. */
    private record Hashing(double perSecond, double cpuMillisPerHash) {
    }

    /**
     * The round's ratio against a ceiling that is the faster of the two hashes measured in it: the baseline's
     * hashing threads or auth-service's own hashers (CPU per hash each). The baseline shares its JVM with the
     * clients and the embedded Kafka broker and sometimes hashes slower than auth-service does (34.8 against
     * 29.0-31.9 ms at 23:25); a ceiling below what the service itself achieves would flatter the ratio, so the
     * stricter figure scales the ceiling up to the faster hash. Unchanged when the baseline is the faster one, or
     * when a CPU figure is missing (no /proc).
     */
    static double strictRatio(double ratio, double baselineMsPerHash, double serviceMsPerHash) {
        if (baselineMsPerHash <= 0 || serviceMsPerHash <= 0 || serviceMsPerHash >= baselineMsPerHash) {
            return ratio;
        }
        return ratio * serviceMsPerHash / baselineMsPerHash;
    }

    private static byte[] argon2id(byte[] salt, Argon2BytesGenerator.BlockPool memory) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19_456).withIterations(2).withParallelism(1).withSalt(salt).withBlockPool(memory).build());
        byte[] hash = new byte[32];
        generator.generateBytes(PASSWORD.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }

    /**
     * Logins through the gateway from {@code clients} concurrent clients, each on its own kept-alive connection
     * sending prepared request bytes ({@link LoginConnection}): the load generator shares the machine with
     * the stack, so it must cost little. The JDK's HttpClient used 2.5-3 ms of CPU per login here, as much as
     * the gateway itself; this client about a tenth of that (bench/auth/README.md).
     *
     * @return {logins per second, failed requests}
     */
    private static double[] measureLogins(String gateway, List<String> users, int clients, Duration duration) throws Exception {
        URI uri = URI.create(gateway);
        List<byte[]> requests = new ArrayList<>();
        for (String user : users) {
            requests.add(LoginConnection.request(uri, "/api/auth/login",
                    JSON.writeValueAsString(Map.of("username", user, "password", PASSWORD)), address(user)));
        }
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c;
                futures.add(pool.submit(() -> {
                    int i = offset;
                    LoginConnection connection = new LoginConnection(uri);
                    try {
                        while (System.nanoTime() < end) {
                            int status;
                            try {
                                status = connection.send(requests.get(i++ % requests.size()));
                            } catch (IOException e) {
                                connection.close(); // counted as a failure; the next request reconnects
                                status = -1;
                            }
                            (status == 200 ? ok : failed).incrementAndGet();
                        }
                    } finally {
                        connection.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return new double[] {ok.get() / ((System.nanoTime() - start) / 1e9), failed.get()};
    }

    /** @return {median us with token, median us without} */
    private static double[] measureValidation(HttpClient client, String gateway, String token, int requests, int rounds)
            throws Exception {
        HttpRequest withToken = HttpRequest.newBuilder(URI.create(gateway + "/api/bench-no-such-route"))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET().build();
        HttpRequest withoutToken = HttpRequest.newBuilder(URI.create(gateway + "/bench-no-such-route"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        for (int i = 0; i < requests; i++) {
            send(client, withToken);
            send(client, withoutToken);
        }
        double[] with = new double[rounds];
        double[] without = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            with[r] = timePerRequest(client, withToken, requests, 404);
            without[r] = timePerRequest(client, withoutToken, requests, -1);
        }
        return new double[] {median(with), median(without)};
    }

    /**
     * Requests that got no answer within their timeout: counted and reported instead of ending the run, and left
     * out of the timings. (Until Reactor Netty 1.3.8 the gateway left some authenticated requests to an unrouted
     * path on a kept-alive connection unanswered; see gateway KeepAliveIntegrationTests.)
     */
    private static final AtomicLong UNANSWERED = new AtomicLong();

    private static int send(HttpClient client, HttpRequest request) throws Exception {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            UNANSWERED.incrementAndGet();
            return -1;
        }
    }

    private static double timePerRequest(HttpClient client, HttpRequest request, int count, int expectedStatus)
            throws Exception {
        long elapsed = 0;
        int answered = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = send(client, request);
            if (status < 0) {
                continue;
            }
            elapsed += System.nanoTime() - start;
            answered++;
            if (expectedStatus > 0 && status != expectedStatus) {
                throw new IllegalStateException("expected " + expectedStatus + " but got " + status);
            }
        }
        return elapsed / 1e3 / Math.max(1, answered);
    }

    private static String token(HttpClient client, String gateway, String user) throws Exception {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/login"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("X-Forwarded-For", address(user))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user, "password", PASSWORD))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(login.body()).get("accessToken").asString();
    }

    /**
     * Each simulated user signs in from its own address (198.18.0.0/15, RFC 2544), forwarded by a trusted
     * proxy (loopback): the gateway's per-address limit of 10 sign-ins/s applies per person, as in production.
     */
    private static String address(String user) {
        int n = Integer.parseInt(user.substring(user.lastIndexOf('_') + 1));
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    private static HttpResponse<String> post(String url, Object body, String token, String clientAddress) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * CPU time used so far by every process of the stack, by service: the benchmark's own JVM (clients,
     * baseline hashing, the embedded Kafka broker), each service's JVM, PostgreSQL and Redis. Differences
     * between two snapshots show where a phase's CPU went; the machine's other processes are left out.
     */
    private static Map<String, Duration> cpuByProcess() {
        long self = ProcessHandle.current().pid();
        Map<String, Duration> cpu = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(process -> {
            ProcessHandle.Info info = process.info();
            String command = info.command().orElse("");
            String group = process.pid() == self ? "benchmark-jvm"
                    : command.endsWith("/java") ? jarName(info.arguments().orElse(new String[0]))
                    : command.contains("postgres") ? "postgres"
                    : command.contains("redis") ? "redis" : null;
            if (group != null) {
                info.totalCpuDuration().ifPresent(used -> cpu.merge(group, used, Duration::plus));
            }
            if ("auth-service".equals(group) || "gateway".equals(group)) {
                threadCpu(process.pid()).forEach((threads, used) -> cpu.put(group + "[" + threads + "]", used));
            }
        });
        return cpu;
    }

    /**
     * CPU time of a process's threads by kind (Linux /proc; empty elsewhere): the hashing threads
     * ({@code argon2-*}), the carriers of the virtual threads that serve requests ({@code ForkJoinPool-*}), the
     * gateway's Netty event loops ({@code reactor-http-*}), the Redis client's ({@code lettuce-*}),
     * the JIT compilers, the garbage collector ({@code VM Thread} and {@code GC *}), and the rest. Tells the
     * hash work in auth-service apart from everything else it does for a login.
     */
    private static Map<String, Duration> threadCpu(long pid) {
        Map<String, Duration> cpu = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                String kind = name.startsWith("argon2-") ? "argon2"
                        : name.startsWith("ForkJoinPool") ? "request carriers"
                        : name.startsWith("reactor-http") ? "event loops"
                        : name.startsWith("lettuce") ? "redis client"
                        : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? "JIT"
                        : name.startsWith("VM Thread") || name.startsWith("GC ") || name.startsWith("G1 ") ? "GC"
                        : "other threads";
                cpu.merge(kind, Duration.ofMillis(ticks * 10), Duration::plus); // USER_HZ = 100 on Linux
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return cpu;
    }

    private static String jarName(String[] arguments) {
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-jar")) {
                String file = Path.of(arguments[i + 1]).getFileName().toString();
                return file.replaceFirst("-\\d.*$", "");
            }
        }
        return null;
    }

    private static String cpuPer(Map<String, Duration> before, Map<String, Duration> after, long operations) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Duration> entry : after.entrySet()) {
            double ms = (entry.getValue().toNanos() - before.getOrDefault(entry.getKey(), Duration.ZERO).toNanos()) / 1e6
                    / Math.max(1, operations);
            if (!entry.getKey().contains("[")) {
                total += ms; // a [part] is already counted in its process
            }
            if (ms >= 0.05) {
                line.append(String.format("%s %.1f ms, ", entry.getKey(), ms));
            }
        }
        return line.append(String.format("total %.1f ms", total)).toString();
    }

    private static double millisPer(Map<String, Duration> before, Map<String, Duration> after, String key, long operations) {
        Duration used = after.getOrDefault(key, Duration.ZERO).minus(before.getOrDefault(key, Duration.ZERO));
        return used.toNanos() / 1e6 / Math.max(1, operations);
    }

    private static double[] ratio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private LoginBenchmark() {
    }
}
