package io.stockradar.agent.marketdata;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code stockradar.market-data.token.*}: how agent-service obtains the client-credentials token it sends to
 * market-data-service's {@code /internal/**} API (client registration {@value #REGISTRATION_ID} under
 * {@code spring.security.oauth2.client}).
 *
 * @param connectTimeout      connect timeout of the token request to auth-service
 * @param readTimeout         read timeout of the token request
 * @param refreshBeforeExpiry a cached token is replaced this long before it expires, so a token never
 *                            expires on its way to market-data-service
 */
@ConfigurationProperties("stockradar.market-data.token")
record ServiceTokenProperties(Duration connectTimeout, Duration readTimeout, Duration refreshBeforeExpiry) {

    /** The {@code spring.security.oauth2.client.registration.*} id used for market-data-service. */
    static final String REGISTRATION_ID = "market-data";

    ServiceTokenProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        refreshBeforeExpiry = refreshBeforeExpiry == null ? Duration.ofSeconds(60) : refreshBeforeExpiry;
        if (refreshBeforeExpiry.isNegative()) {
            throw new IllegalArgumentException("stockradar.market-data.token.refresh-before-expiry must be >= 0");
        }
    }
}
