package io.stockradar.auth.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The key format: {@code sr_<prefix>_<secret>}, where the prefix is 8 random characters {@code [a-z0-9]}
 * (public: stored in clear, unique, used to find the key and shown in lists) and the secret is 32 random
 * bytes in unpadded base64url (43 characters). 55 characters in all. Only the SHA-256 of the whole key is
 * stored: 256 random bits need no slow hash, and a database leak yields nothing that can be used.
 */
final class ApiKeys {

    static final String MARKER = "sr_";
    static final int PREFIX_LENGTH = 8;
    static final int SECRET_BYTES = 32;
    private static final int SECRET_LENGTH = 43;
    static final int LENGTH = MARKER.length() + PREFIX_LENGTH + 1 + SECRET_LENGTH;
    private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A newly generated key: the whole key (shown once), its prefix and its hash. */
    record Generated(String key, String prefix, byte[] hash) {

        @Override
        public String toString() {
            return "Generated[prefix=" + prefix + ", key=<secret>]";
        }
    }

    private ApiKeys() {
    }

    static Generated generate() {
        StringBuilder prefix = new StringBuilder(PREFIX_LENGTH);
        for (int i = 0; i < PREFIX_LENGTH; i++) {
            prefix.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        String key = MARKER + prefix + "_" + BASE64URL.encodeToString(secret);
        return new Generated(key, prefix.toString(), hash(key));
    }

    /** The prefix of a well-formed key; empty for anything that cannot be one of ours. */
    static Optional<String> prefixOf(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(MARKER)
                || key.charAt(MARKER.length() + PREFIX_LENGTH) != '_') {
            return Optional.empty();
        }
        String prefix = key.substring(MARKER.length(), MARKER.length() + PREFIX_LENGTH);
        for (int i = 0; i < prefix.length(); i++) {
            if (PREFIX_ALPHABET.indexOf(prefix.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        String secret = key.substring(MARKER.length() + PREFIX_LENGTH + 1);
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return Optional.empty();
            }
        }
        return Optional.of(prefix);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether {@code key} hashes to {@code storedHash}, in time independent of where they differ. */
    static boolean matches(String key, byte[] storedHash) {
        return MessageDigest.isEqual(hash(key), storedHash);
    }
}
