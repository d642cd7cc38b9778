package io.stockradar.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Personal API keys at the edge ({@code stockradar.security.api-keys.*}): a request with {@code X-API-Key}
 * and no {@code Authorization} is exchanged at auth-service for a short-lived access token, which then
 * travels on as {@code Authorization: Bearer}. The gateway authenticates to auth-service with its own
 * client credentials.
 *
 * @param clientId     the gateway's client id at auth-service
 * @param clientSecret its secret ({@code GATEWAY_CLIENT_SECRET}); when blank, API keys are disabled and a
 *                     request with {@code X-API-Key} gets 401
 * @param authService  auth-service's service id for the load balancer (the same instances the routes use)
 * @param timeout      connect and response timeout of the calls to auth-service
 * @param cacheTtl     how long an exchanged token is reused for the same key; never past the token's expiry
 *                     (minus {@code expiryMargin}). Revoking a key takes effect within this time plus the
 *                     token's lifetime at the services.
 * @param expiryMargin a cached token is dropped this long before it expires, so it never arrives expired
 * @param cacheSize    most keys cached at once
 */
@ConfigurationProperties("stockradar.security.api-keys")
record ApiKeyProperties(
        @DefaultValue("gateway") String clientId,
        String clientSecret,
        @DefaultValue("auth-service") String authService,
        @DefaultValue("3s") Duration timeout,
        @DefaultValue("2m") Duration cacheTtl,
        @DefaultValue("30s") Duration expiryMargin,
        @DefaultValue("10000") long cacheSize) {

    static final String SCOPE = "apikey:exchange";

    ApiKeyProperties {
        if (cacheTtl.isNegative() || expiryMargin.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stockradar.security.api-keys: durations must be positive");
        }
    }

    boolean enabled() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "ApiKeyProperties[clientId=" + clientId + ", clientSecret=" + (enabled() ? "<configured>" : "<none>")
                + ", authService=" + authService + ", timeout=" + timeout + ", cacheTtl=" + cacheTtl + "]";
    }
}
