package io.stockradar.gateway.security;

import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.common.security.VerifiedTokenCache;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * How access tokens are validated at the edge.
 *
 * @param issuer    required {@code iss} ({@code STOCKRADAR_JWT_ISSUER})
 * @param jwkSetUri auth-service's JWKS ({@code AUTH_JWKS_URI}); fetched lazily and cached, refetched for an
 *                  unknown {@code kid} at most once per {@code jwksMinRefresh}
 * @param audience  required {@code aud} entry
 * @param jwksTimeout connect and response timeout of the JWKS fetch
 * @param jwksMinRefresh the shortest time between two JWKS fetches ({@link JwksSource}): tokens with unknown key ids
 *                  cannot make the gateway fetch more often; a rotated key is picked up within this time
 * @param verifiedTokenCache tokens verified lately, not verified again ({@link VerifiedTokenCache})
 */
@ConfigurationProperties("stockradar.security.jwt")
public record JwtProperties(
        URI issuer,
        URI jwkSetUri,
        @DefaultValue(StockRadarJwt.AUDIENCE) String audience,
        @DefaultValue("3s") Duration jwksTimeout,
        @DefaultValue("10s") Duration jwksMinRefresh,
        @DefaultValue VerifiedTokenCache.Settings verifiedTokenCache) {
}
