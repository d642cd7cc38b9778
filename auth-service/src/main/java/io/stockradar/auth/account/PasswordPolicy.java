package io.stockradar.auth.account;

import java.util.Locale;
import java.util.Optional;

/**
 * NIST SP 800-63B style password rules: a length window and a blocklist, no composition rules.
 * Length counts Unicode code points, so a passphrase in Hangul is measured like one in Latin letters.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final CommonPasswords commonPasswords;

    PasswordPolicy(CommonPasswords commonPasswords) {
        this.commonPasswords = commonPasswords;
    }

    /** Why a new password is not acceptable for this user, or empty when it is. */
    Optional<String> problem(String password, String username, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        if (password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("must not contain control characters");
        }
        if (commonPasswords.contains(password)) {
            return Optional.of("is one of the most commonly used passwords; choose another");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if ((username != null && lower.equals(username.toLowerCase(Locale.ROOT)))
                || (email != null && lower.equals(email.toLowerCase(Locale.ROOT)))) {
            return Optional.of("must not be the same as the username or e-mail address");
        }
        return Optional.empty();
    }
}
