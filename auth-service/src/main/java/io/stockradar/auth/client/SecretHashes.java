package io.stockradar.auth.client;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Checks client secrets against Argon2id or BCrypt hashes (the parameters come from the hash itself).
 * Generate one with e.g. {@code htpasswd -bnBC 12 "" 'secret' | tr -d ':\n'} or the argon2 CLI.
 */
final class SecretHashes {

    private static final Argon2PasswordEncoder ARGON2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();
    /** Checked for unknown clients, so that they cost about what a known one does. */
    private static final String DUMMY = ARGON2.encode(random());

    private SecretHashes() {
    }

    static boolean isSupported(String hash) {
        return hash.startsWith("$argon2id$") || hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
    }

    static boolean matches(String secret, String hash) {
        if (secret.length() > 512) {
            return false;
        }
        if (hash.startsWith("$argon2id$")) {
            return ARGON2.matches(secret, hash);
        }
        // BCrypt reads only the first 72 bytes; longer secrets are refused rather than silently truncated.
        return secret.getBytes(StandardCharsets.UTF_8).length <= 72 && BCRYPT.matches(secret, hash);
    }

    static void matchesNothing(String secret) {
        ARGON2.matches(secret, DUMMY);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
