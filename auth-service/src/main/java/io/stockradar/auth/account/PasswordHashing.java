package io.stockradar.auth.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Argon2id password hashing with OWASP's minimum parameters, a cap on concurrent hashes, and a
 * dummy hash so that a login for an unknown user costs the same as one with a wrong password.
 * Passwords are NFKC-normalised before hashing (NIST SP 800-63B 5.1.1.2), so the same passphrase typed
 * through different input methods still matches.
 *
 * <p>The hashes run on a small pool of platform threads, never on the request's virtual thread: a
 * CPU-bound hash on a virtual thread keeps its carrier (there are only as many carriers as cores) for the
 * whole hash, so with two cores two hashes starved every other request, including those holding a
 * database connection, and the end-to-end concurrency test saw the connection pool time out.
 *
 * <p>Each hash's CPU time on its hashing thread is the timer {@value #CPU_TIMER}: 30-50 ms on our machines. An
 * instance whose JIT compiled the hash badly (bench/auth saw one JVM in fourteen at 56 ms for its whole life, against
 * 30 ms in the same run) stands out there, whatever the load, where wall time would mix it up with waiting for a
 * core.
 */
@Component
class PasswordHashing implements AutoCloseable {

    /**
     * OWASP Password Storage Cheat Sheet minimum for Argon2id: m=19 MiB (19456 KiB), t=2, p=1; salt 16
     * bytes, hash 32 bytes. Spring Security's own defaults ({@code defaultsForSpringSecurity_v5_8}:
     * m=16 MiB) are below that floor, hence explicit parameters.
     */
    static final int SALT_LENGTH = 16;
    static final int HASH_LENGTH = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;

    /** CPU time of each hash on its hashing thread (see the class comment). */
    static final String CPU_TIMER = "stockradar.auth.password.hash.cpu";

    private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);

    private final Argon2id encoder = new Argon2id(SALT_LENGTH, HASH_LENGTH, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final Semaphore permits;
    private final ExecutorService hashers;
    private final PasswordHashingProperties properties;
    private final String dummyHash;
    private final Timer cpuPerHash;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    PasswordHashing(PasswordHashingProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.cpuPerHash = Timer.builder(CPU_TIMER)
                .description("CPU time of one password hash (Argon2id) on its hashing thread")
                .register(meters);
        this.permits = new Semaphore(properties.maxConcurrent(), true);
        this.hashers = Executors.newFixedThreadPool(properties.maxConcurrent(),
                Thread.ofPlatform().name("argon2-", 1).daemon(true).factory());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = limited(() -> encoder.encode(Base64.getEncoder().encodeToString(random)));
        warmUp(properties.warmUpHashes());
    }

    /**
     * Hashes {@code count} times on one hashing thread, before the service takes traffic (this runs while the
     * application context starts, so readiness waits for it). The first hashes run interpreted, several times
     * slower than compiled ones; here the JIT compiles the loop with little else in its queue, as in the standalone
     * JVMs of bench/auth that always got the fast shape, rather than under the first burst of sign-ins. Logs the
     * CPU of the last hash, this instance's figure to compare with {@value #CPU_TIMER} later on. Not recorded in
     * that timer, which counts the hashes done for requests.
     */
    private void warmUp(int count) {
        if (count == 0) {
            return;
        }
        long wallStart = System.nanoTime();
        long lastCpu;
        try {
            // straight to a hasher: nothing else can be waiting for one while the constructor runs
            lastCpu = hashers.submit(() -> {
                long cpu = -1;
                for (int i = 0; i < count; i++) {
                    long start = threads.getCurrentThreadCpuTime();
                    encoder.encode("warm-up passphrase " + i);
                    cpu = threads.getCurrentThreadCpuTime() - start;
                }
                return cpu;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while warming up password hashing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Password hashing failed while warming up", e.getCause());
        }
        log.info("Password hashing warmed up: {} Argon2id hashes in {} ms, the last {} ms of CPU", count,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallStart),
                lastCpu <= 0 ? "?" : String.format(Locale.ROOT, "%.1f", lastCpu / 1e6));
    }

    String hash(String password) {
        return limited(() -> encoder.encode(normalize(password)));
    }

    boolean matches(String password, String hash) {
        return limited(() -> encoder.matches(normalize(password), hash));
    }

    /** Spends the same work as {@link #matches} on a hash no password matches; always false. */
    boolean matchesNothing(String password) {
        limited(() -> encoder.matches(normalize(password), dummyHash));
        return false;
    }

    /** Whether a stored hash was made with weaker parameters than today's and should be redone. */
    boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    private static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    <T> T limited(Supplier<T> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(properties.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("Interrupted while waiting to check the password");
        }
        if (!acquired) {
            throw ApiProblem.unavailable("Too many sign-ins at once; try again in a moment");
        }
        try {
            return hashers.submit(() -> timed(work)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("Interrupted while checking the password");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Password hashing failed", e.getCause());
        } finally {
            permits.release();
        }
    }

    /** Runs {@code work} on this hashing thread and records the thread's CPU time for it. */
    private <T> T timed(Supplier<T> work) {
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return work.get();
        }
        long start = threads.getCurrentThreadCpuTime();
        try {
            return work.get();
        } finally {
            cpuPerHash.record(threads.getCurrentThreadCpuTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        hashers.shutdownNow();
    }
}
