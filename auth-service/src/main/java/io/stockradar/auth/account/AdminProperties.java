package io.stockradar.auth.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator created at startup ({@code STOCKRADAR_ADMIN_USERNAME}, {@code _EMAIL},
 * {@code _PASSWORD}, typically from a secret). All three or none; there is no default password.
 */
@ConfigurationProperties("stockradar.admin")
record AdminProperties(String username, String email, String password) {

    boolean configured() {
        return present(username) || present(email) || present(password);
    }

    boolean complete() {
        return present(username) && present(email) && present(password);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", email=" + email + ", password=<redacted>]";
    }
}
