package io.stockradar.auth.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises and checks usernames and e-mail addresses. Everything is Unicode NFKC first, so
 * compatibility forms (fullwidth {@code ａｌｉｃｅ}, ligatures, superscripts) become their plain
 * equivalents and collide with them; the uniqueness key is then lower-cased with {@link Locale#ROOT}.
 * After NFKC a username may only use ASCII letters, digits and {@code . _ -}: that one safe set shuts out
 * control characters, invisible characters and mixed-script homoglyphs ({@code раypal} with Cyrillic
 * letters) without a confusables table.
 */
final class Identifiers {

    static final int USERNAME_MIN = 3;
    static final int USERNAME_MAX = 32;
    static final int EMAIL_MAX = 254;
    private static final int EMAIL_LOCAL_MAX = 64;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The HTML living standard's "valid e-mail address", narrowed to require a dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
                    + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private Identifiers() {
    }

    /** NFKC form of a username as the user chose it (case kept, for display). */
    static String normalizeUsername(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }

    /** NFKC form of an e-mail address, surrounding white space removed. */
    static String normalizeEmail(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
    }

    /** The key two usernames or two e-mail addresses share when they must count as the same. */
    static String key(String normalized) {
        return normalized.toLowerCase(Locale.ROOT);
    }

    /** Why a normalised username is not acceptable, or empty when it is. */
    static Optional<String> usernameProblem(String normalized) {
        int length = normalized.length();
        if (length < USERNAME_MIN || length > USERNAME_MAX) {
            return Optional.of("must be " + USERNAME_MIN + " to " + USERNAME_MAX + " characters long");
        }
        if (!USERNAME.matcher(normalized).matches()) {
            return Optional.of("may contain only letters A-Z, digits and . _ - and must start with a letter or digit");
        }
        return Optional.empty();
    }

    /** Why a normalised e-mail address is not acceptable, or empty when it is. */
    static Optional<String> emailProblem(String normalized) {
        if (normalized.isEmpty()) {
            return Optional.of("is required");
        }
        if (normalized.length() > EMAIL_MAX) {
            return Optional.of("must be at most " + EMAIL_MAX + " characters long");
        }
        int at = normalized.lastIndexOf('@');
        if (!EMAIL.matcher(normalized).matches() || at > EMAIL_LOCAL_MAX) {
            return Optional.of("must be a valid e-mail address");
        }
        return Optional.empty();
    }

    /** Whether a login name is meant as an e-mail address (usernames never contain {@code @}). */
    static boolean looksLikeEmail(String login) {
        return login.indexOf('@') >= 0;
    }
}
