package io.stockradar.auth.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Bounds on password hashing. Every Argon2id hash takes 19 MiB and a core for tens of milliseconds,
 * so concurrent hashes are capped: a burst of logins waits its turn (on virtual threads, cheaply)
 * instead of exhausting memory, and gets 503 if it waited too long.
 *
 * @param maxConcurrent  hashes computed at the same time in this instance; 0 (the default) means one per
 *                       available core: more than that only makes each hash slower and keeps more
 *                       19 MiB blocks alive at once (bench/auth/README.md, "Argon2 memory")
 * @param acquireTimeout how long a request may wait for its turn
 * @param warmUpHashes   hashes computed on one thread at start-up, before the service takes traffic, so that the
 *                       JIT compiles the hashing loop on a quiet JVM and the first sign-ins do not pay for
 *                       interpreted hashing; 0 for none
 */
@ConfigurationProperties("stockradar.password-hashing")
record PasswordHashingProperties(@DefaultValue("0") int maxConcurrent, @DefaultValue("10s") Duration acquireTimeout,
                                 @DefaultValue("40") int warmUpHashes) {

    @ConstructorBinding
    PasswordHashingProperties {
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("stockradar.password-hashing.max-concurrent must be 0 (one per core) or more");
        }
        if (warmUpHashes < 0) {
            throw new IllegalArgumentException("stockradar.password-hashing.warm-up-hashes must be 0 or more");
        }
        if (maxConcurrent == 0) {
            maxConcurrent = Runtime.getRuntime().availableProcessors();
        }
    }

    /** Without a warm-up (tests that make many instances). */
    PasswordHashingProperties(int maxConcurrent, Duration acquireTimeout) {
        this(maxConcurrent, acquireTimeout, 0);
    }
}
