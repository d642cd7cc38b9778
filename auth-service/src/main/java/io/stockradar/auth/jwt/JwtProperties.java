package io.stockradar.auth.jwt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The issuer's settings.
 *
 * @param issuer         {@code iss} of every token and the base of the discovery document's URLs; the
 *                       public address clients reach auth through (the gateway)
 * @param privateKey     RS256 signing key as PKCS#8 PEM ({@code STOCKRADAR_JWT_PRIVATE_KEY}, from a secret);
 *                       when absent a DEV-ONLY key is generated and kept in the database
 * @param keyId          {@code kid} of the configured key ({@code STOCKRADAR_JWT_KEY_ID}); defaults to the
 *                       key's RFC 7638 thumbprint
 * @param accessTokenTtl lifetime of an access token
 * @param signatureProvider who computes token signatures: {@code auto} (the native Amazon Corretto Crypto Provider
 *                       where it loads, else the JDK) or {@code jdk}; see {@link TokenSignatures}
 */
@ConfigurationProperties("stockradar.jwt")
public record JwtProperties(
        String issuer,
        String privateKey,
        String keyId,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("auto") TokenSignatures.Mode signatureProvider) {

    /** The default signature provider ({@code auto}). */
    public JwtProperties(String issuer, String privateKey, String keyId, Duration accessTokenTtl) {
        this(issuer, privateKey, keyId, accessTokenTtl, TokenSignatures.Mode.AUTO);
    }

    @ConstructorBinding
    public JwtProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("stockradar.jwt.issuer (STOCKRADAR_JWT_ISSUER) must be set");
        }
        issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("stockradar.jwt.access-token-ttl must be positive");
        }
    }

    boolean hasConfiguredKey() {
        return privateKey != null && !privateKey.isBlank();
    }

    @Override
    public String toString() {
        return "JwtProperties[issuer=" + issuer + ", keyId=" + keyId + ", privateKey="
                + (hasConfiguredKey() ? "<configured>" : "<none>") + ", accessTokenTtl=" + accessTokenTtl
                + ", signatureProvider=" + signatureProvider + "]";
    }
}
