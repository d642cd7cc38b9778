package io.stockradar.history.config;

import io.stockradar.common.security.VerifiedTokenCache;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How access tokens are checked: signatures against auth-service's JWKS (fetched lazily and cached),
 * then issuer, audience and expiry. No discovery call is made at start-up.
 *
 * @param issuer         the expected {@code iss}
 * @param jwkSetUri      where the signing keys are published
 * @param audience       the {@code aud} every accepted token must contain
 * @param connectTimeout connect timeout of the JWKS request
 * @param readTimeout    read timeout of the JWKS request
 * @param verifiedTokenCache tokens verified lately, not verified again ({@link VerifiedTokenCache})
 */
@Validated
@ConfigurationProperties("stockradar.security.jwt")
record JwtProperties(@NotBlank String issuer, @NotBlank String jwkSetUri, @NotBlank String audience,
                     @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                     @DefaultValue VerifiedTokenCache.Settings verifiedTokenCache) {
}
