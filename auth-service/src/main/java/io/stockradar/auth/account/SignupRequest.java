package io.stockradar.auth.account;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A new account. Checked by {@link AccountService} after Unicode normalisation (so every bad field is
 * reported at once, and fullwidth letters are judged by what they normalise to).
 */
record SignupRequest(
        @Schema(description = "3-32 of A-Z a-z 0-9 . _ - (after NFKC), starting with a letter or digit; unique ignoring case",
                example = "alice") String username,
        @Schema(description = "unique ignoring case", example = "alice@example.com") String email,
        @Schema(description = "12-128 characters, not a commonly used password", example = "correct horse battery staple")
        String password) {

    @Override
    public String toString() {
        return "SignupRequest[username=" + username + ", email=" + email + ", password=<redacted>]";
    }
}
