package io.stockradar.auth.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new password, proven by the current one. */
record ChangePasswordRequest(
        @NotNull @Size(max = 1024) String currentPassword,
        @Schema(description = "12-128 characters, not a commonly used password") @NotNull @Size(max = 1024) String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[<redacted>]";
    }
}
