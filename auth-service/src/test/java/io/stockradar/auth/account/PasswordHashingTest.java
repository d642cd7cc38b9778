package io.stockradar.auth.account;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.common.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashingTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PasswordHashing hashing = new PasswordHashing(new PasswordHashingProperties(2, Duration.ofSeconds(10)), meters);

    @Test
    void hashesOffTheCallersVirtualThreadSoCarriersStayFreeForIo() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Thread> worker = new java.util.concurrent.atomic.AtomicReference<>();
        Thread virtual = Thread.ofVirtual().start(() -> hashing.limited(() -> {
            worker.set(Thread.currentThread());
            return null;
        }));
        virtual.join();
        assertThat(worker.get().isVirtual()).as("the hash ran on a platform thread").isFalse();
        assertThat(worker.get().getName()).startsWith("argon2-");
    }

    @Test
    void hashesWithArgon2idAtOwaspParameters() {
        String hash = hashing.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hashing.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hashing.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(hashing.hash("correct horse battery staple")).as("salted").isNotEqualTo(hash);
    }

    /** The dummy hash made at start-up, then one sample per hash or check: the CPU of each, never the wait. */
    @Test
    void recordsTheCpuTimeOfEveryHash() {
        Timer cpu = meters.get(PasswordHashing.CPU_TIMER).timer();
        assertThat(cpu.count()).as("the dummy hash made at start-up").isEqualTo(1);

        String hash = hashing.hash("correct horse battery staple");
        hashing.matches("correct horse battery staple", hash);
        hashing.matchesNothing("anything at all");

        assertThat(cpu.count()).isEqualTo(4);
        assertThat(cpu.max(java.util.concurrent.TimeUnit.NANOSECONDS)).as("an Argon2id hash uses CPU").isPositive();
    }

    /** Start-up hashes warm the JIT; they are not sign-ins, so the timer still starts at the dummy hash alone. */
    @Test
    void warmsUpBeforeTakingRequestsWithoutCountingTheWarmUpAsRequests() {
        SimpleMeterRegistry warmMeters = new SimpleMeterRegistry();
        PasswordHashing warm = new PasswordHashing(new PasswordHashingProperties(1, Duration.ofSeconds(10), 3),
                warmMeters);
        try {
            assertThat(warmMeters.get(PasswordHashing.CPU_TIMER).timer().count()).isEqualTo(1);
            String hash = warm.hash("correct horse battery staple");
            assertThat(warm.matches("correct horse battery staple", hash)).isTrue();
        } finally {
            warm.close();
        }
        assertThatThrownBy(() -> new PasswordHashingProperties(1, Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up-hashes");
    }

    @Test
    void unicodeEquivalentPasswordsMatch() {
        String composed = "caf\u00e9-au-lait-42";       // é as one code point
        String decomposed = "cafe\u0301-au-lait-42";    // e + combining acute accent
        assertThat(hashing.matches(decomposed, hashing.hash(composed))).isTrue();
    }

    @Test
    void dummyCheckNeverMatches() {
        assertThat(hashing.matchesNothing("anything at all")).isFalse();
    }

    @Test
    void hashesMadeWithWeakerParametersNeedARehash() {
        String springDefault = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("some long password");

        assertThat(hashing.needsRehash(springDefault)).isTrue();
        assertThat(hashing.needsRehash(hashing.hash("some long password"))).isFalse();
    }

    @Test
    void refusesWithServiceUnavailableWhenTooManyHashesWaitTooLong() throws Exception {
        PasswordHashing single = new PasswordHashing(new PasswordHashingProperties(1, Duration.ofMillis(1)),
                new SimpleMeterRegistry());
        CountDownLatch start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?>[] futures = new Future<?>[8];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = executor.submit(() -> {
                    start.await();
                    return single.hash("a long enough password");
                });
            }
            start.countDown();
            int refused = 0;
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ApiProblem.class);
                    assertThat(((ApiProblem) e.getCause()).getStatusCode().value()).isEqualTo(503);
                    refused++;
                }
            }
            assertThat(refused).isPositive();
        }
    }

    @Test
    void rejectsNegativeConcurrencyAndTakesZeroAsOnePerCore() {
        assertThatThrownBy(() -> new PasswordHashingProperties(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PasswordHashingProperties(0, Duration.ofSeconds(1)).maxConcurrent())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
