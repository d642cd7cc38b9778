package io.stockradar.auth.account;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2idTest {

    private static final String PASSWORD = "correct horse battery staple";

    private final Argon2id argon2 = new Argon2id(16, 32, 1, 19_456, 2);
    private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19_456, 2);

    @Test
    void readsAndWritesTheSameStringsAsSpringSecuritysEncoder() {
        String ours = argon2.encode(PASSWORD);
        String theirs = spring.encode(PASSWORD);

        assertThat(ours).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(spring.matches(PASSWORD, ours)).as("Spring Security verifies ours").isTrue();
        assertThat(argon2.matches(PASSWORD, theirs)).as("we verify Spring Security's").isTrue();
        assertThat(argon2.matches(PASSWORD + " ", theirs)).isFalse();
        assertThat(argon2.matches(PASSWORD + " ", ours)).isFalse();
    }

    @Test
    void verifiesHashesMadeWithOtherParametersUsingTheirOwn() {
        String older = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD); // m=16384, t=2
        String korean = spring.encode("한국어 비밀번호 문장입니다");

        assertThat(argon2.matches(PASSWORD, older)).isTrue();
        assertThat(argon2.matches("한국어 비밀번호 문장입니다", korean)).isTrue();
        assertThat(argon2.upgradeEncoding(older)).as("less memory than today's").isTrue();
        assertThat(argon2.upgradeEncoding(argon2.encode(PASSWORD))).isFalse();
    }

    @Test
    void malformedHashesNeverMatch() {
        String valid = argon2.encode(PASSWORD);
        for (String malformed : new String[] {null, "", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA",
                "$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA", valid + "$extra", valid.replace("$v=19$m=", "$v=19$q=")}) {
            assertThat(argon2.matches(PASSWORD, malformed)).as(malformed).isFalse();
            assertThat(argon2.upgradeEncoding(malformed)).as("an unreadable hash is redone: " + malformed).isTrue();
        }
    }

    /**
     * The reason this class exists: Spring Security's encoder allocates each hash's 19 MiB afresh; here a
     * thread's second and later hashes reuse its pool. Allocation is counted by the JVM per thread, so this
     * is exact, not timed.
     */
    @Test
    void aThreadsLaterHashesReuseItsArgon2MemoryInsteadOfAllocating19MiB() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        String hash = argon2.encode(PASSWORD);
        argon2.matches(PASSWORD, hash);

        long before = threads.getThreadAllocatedBytes(thread);
        assertThat(argon2.matches(PASSWORD, hash)).isTrue();
        long pooled = threads.getThreadAllocatedBytes(thread) - before;

        before = threads.getThreadAllocatedBytes(thread);
        assertThat(spring.matches(PASSWORD, hash)).isTrue();
        long unpooled = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(unpooled).as("Spring Security's encoder, for scale").isGreaterThan(19L << 20);
        assertThat(pooled).as("bytes allocated by one pooled verification").isLessThan(256L << 10);
    }
}
