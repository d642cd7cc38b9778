package io.stockradar.auth.token;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Credentials: {@code username} is the username or the e-mail address. */
record LoginRequest(
        @Schema(description = "username or e-mail address", example = "alice")
        @NotBlank @Size(max = 254) String username,
        @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", password=<redacted>]";
    }
}
