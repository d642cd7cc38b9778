package io.stockradar.auth.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Deleting one's account needs the password again. */
record DeleteAccountRequest(@NotNull @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "DeleteAccountRequest[password=<redacted>]";
    }
}
