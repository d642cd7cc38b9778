package io.stockradar.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Where the client's address comes from ({@code stockradar.client-address.*}, see {@link ClientAddresses}).
 *
 * @param trustedProxies CIDR ranges (or single addresses) of the proxies in front of the gateway whose
 *                       {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}, comma separated)
 */
@ConfigurationProperties("stockradar.client-address")
record ClientAddressProperties(List<String> trustedProxies) {

    ClientAddressProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
