package io.stockradar.auth.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A refresh token to exchange or revoke. */
record RefreshTokenRequest(@NotBlank @Size(max = 512) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[refreshToken=<redacted>]";
    }
}
