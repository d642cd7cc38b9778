package io.stockradar.auth.apikey;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do: {@code read} = GET/HEAD only, {@code full} = anything its owner may as a USER. Enforced by
 * the gateway and again by every service (common's {@code ApiKeyScopeFilter}, from the token's {@code scope} claim).
 */
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
