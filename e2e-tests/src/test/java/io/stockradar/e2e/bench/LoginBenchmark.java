package io.stockradar.e2e.bench;

import io.stockradar.localstack.LocalStack;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Login throughput through the gateway against the ceiling set by password hashing, both measured in
 * the same run on the same machine, plus the per-request cost of JWT validation at the gateway.
 * Run with {@code bench/auth/run.sh}; see bench/auth/README.md. Not a test: nothing here asserts.
 */
public final class LoginBenchmark {

    private static final String PASSWORD = "benchmark passphrase 2026";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("stockradar.root", ".")).toAbsolutePath().normalize();
        int rounds = Integer.getInteger("rounds", 3);
        Duration phase = Duration.ofSeconds(Integer.getInteger("phaseSeconds", 20));
        int clients = Integer.getInteger("clients", 16);
        int cores = Runtime.getRuntime().availableProcessors();

        LocalStack.Options options = new LocalStack.Options(root, root.resolve("bench/auth/target/stack"), false, 0, 2,
                false, List.of("-Xmx512m", "-XX:+UseSerialGC"), Duration.ofMinutes(5), "demo");
        try (LocalStack stack = LocalStack.start(options)) {
            String gateway = stack.gatewayUrl();
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String name = "bench_" + System.nanoTime() % 1_000_000 + "_" + i;
                post(gateway + "/api/auth/signup", Map.of("username", name, "email", name + "@example.com", "password", PASSWORD), null,
                        address(name));
                users.add(name);
            }
            // the same Argon2id parameters as auth-service (OWASP floor: 19 MiB, t=2, p=1)
            Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);
            String hash = encoder.encode(PASSWORD);

            System.out.println("warm-up ...");
            measureLogins(gateway, users, clients, Duration.ofSeconds(10));
            measureHashes(encoder, hash, cores, Duration.ofSeconds(10));

            double[] hashRates = new double[rounds];
            double[] loginRates = new double[rounds];
            AtomicLong failures = new AtomicLong();
            for (int r = 0; r < rounds; r++) {
                hashRates[r] = measureHashes(encoder, hash, cores, phase);
                double[] login = measureLogins(gateway, users, clients, phase);
                loginRates[r] = login[0];
                failures.addAndGet((long) login[1]);
                System.out.printf("round %d: hash ceiling %.1f/s (%d threads), logins via gateway %.1f/s (%d clients), ratio %.2f%n",
                        r + 1, hashRates[r], cores, loginRates[r], clients, loginRates[r] / hashRates[r]);
            }

            String token = token(gateway, users.getFirst());
            double[] validation = measureValidation(gateway, token, 2_000, Integer.getInteger("validationRounds", 5));

            double medianRatio = median(ratio(loginRates, hashRates));
            System.out.println();
            System.out.println("== Login throughput (" + rounds + " rounds of " + phase.toSeconds() + " s, " + cores + " cores) ==");
            System.out.printf("hash ceiling (Argon2id m=19MiB t=2 p=1, %d threads): median %.1f hashes/s%n", cores, median(hashRates));
            System.out.printf("login via gateway (%d concurrent clients):          median %.1f logins/s, %d non-200%n",
                    clients, median(loginRates), failures.get());
            System.out.printf("login / hash ceiling:                               median %.0f%% (goal >= 85%%)%n", medianRatio * 100);
            System.out.println("== Token validation at the gateway (sequential, same path, 404 after security) ==");
            System.out.printf("with a valid JWT: %.0f us/request; without a token: %.0f us/request; validation cost: %.0f us (median of rounds)%n",
                    validation[0], validation[1], validation[0] - validation[1]);
        }
    }

    private static double measureHashes(Argon2PasswordEncoder encoder, String hash, int threads, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (!encoder.matches(PASSWORD, hash)) {
                            throw new IllegalStateException("hash mismatch");
                        }
                        count.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** @return {logins per second, failed requests} */
    private static double[] measureLogins(String gateway, List<String> users, int clients, Duration duration) throws Exception {
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
                    while (System.nanoTime() < end) {
                        String user = users.get(i++ % users.size());
                        int status = post(gateway + "/api/auth/login", Map.of("username", user, "password", PASSWORD), null,
                                address(user)).statusCode();
                        (status == 200 ? ok : failed).incrementAndGet();
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
    private static double[] measureValidation(String gateway, String token, int requests, int rounds) throws Exception {
        HttpRequest withToken = HttpRequest.newBuilder(URI.create(gateway + "/api/bench-no-such-route"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpRequest withoutToken = HttpRequest.newBuilder(URI.create(gateway + "/bench-no-such-route")).GET().build();
        for (int i = 0; i < requests; i++) {
            HTTP.send(withToken, HttpResponse.BodyHandlers.discarding());
            HTTP.send(withoutToken, HttpResponse.BodyHandlers.discarding());
        }
        double[] with = new double[rounds];
        double[] without = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            with[r] = timePerRequest(withToken, requests, 404);
            without[r] = timePerRequest(withoutToken, requests, -1);
        }
        return new double[] {median(with), median(without)};
    }

    private static double timePerRequest(HttpRequest request, int count, int expectedStatus) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (expectedStatus > 0 && status != expectedStatus) {
                throw new IllegalStateException("expected " + expectedStatus + " but got " + status);
            }
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    private static String token(String gateway, String user) throws Exception {
        HttpResponse<String> login = post(gateway + "/api/auth/login", Map.of("username", user, "password", PASSWORD), null,
                address(user));
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
