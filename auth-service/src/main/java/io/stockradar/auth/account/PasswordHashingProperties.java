package io.stockradar.auth.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Bounds on password hashing. Every Argon2id hash takes 19 MiB and a core for tens of milliseconds,
 * so concurrent hashes are capped: a burst of logins waits its turn (on virtual threads, cheaply)
 * instead of exhausting memory, and gets 503 if it waited too long.
 *
 * @param maxConcurrent  hashes computed at the same time in this instance
 * @param acquireTimeout how long a request may wait for its turn
 */
@ConfigurationProperties("stockradar.password-hashing")
record PasswordHashingProperties(@DefaultValue("4") int maxConcurrent, @DefaultValue("10s") Duration acquireTimeout) {

    PasswordHashingProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("stockradar.password-hashing.max-concurrent must be at least 1");
        }
    }
}
