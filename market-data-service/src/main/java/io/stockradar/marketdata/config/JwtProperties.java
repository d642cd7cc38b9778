package io.stockradar.marketdata.config;

import io.stockradar.common.security.VerifiedTokenCache;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How access tokens are checked ({@code stockradar.security.jwt.*}; the JWKS address is Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}).
 *
 * @param issuer             the expected {@code iss}
 * @param jwksTimeout        connect and read timeout of the JWKS request
 * @param verifiedTokenCache tokens verified lately, not verified again ({@link VerifiedTokenCache})
 */
@ConfigurationProperties("stockradar.security.jwt")
record JwtProperties(String issuer, @DefaultValue("2s") Duration jwksTimeout,
                     @DefaultValue VerifiedTokenCache.Settings verifiedTokenCache) {
}
