package io.stockradar.auth.apikey;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do: {@code read} = GET/HEAD only (enforced by the gateway), {@code full} = anything its owner may. */
enum ApiKeyScope {
    READ("read"), FULL("full");

    private final String value;

    ApiKeyScope(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static Optional<ApiKeyScope> of(String value) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(value)).findFirst();
    }
}
