package io.stockradar.auth.jwt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Instant;
import java.util.List;

/**
 * Signing keys for rotation ({@code stockradar.jwt.keys[n].*}, e.g. {@code STOCKRADAR_JWT_KEYS_0_PRIVATEKEY},
 * {@code STOCKRADAR_JWT_KEYS_0_KEYID}, {@code STOCKRADAR_JWT_KEYS_0_SIGNSFROM}), beside or instead of the single
 * {@code stockradar.jwt.private-key} (which signs from the beginning of time). See {@link SigningKeys}.
 * <p>
 * To rotate: add the next key with {@code signs-from} at least the JWKS cache time (5 min) plus the
 * relying parties' refresh interval in the future and deploy; after it has taken over and the longest token
 * lifetime has passed, the old key disappears from the JWKS by itself and can be removed from configuration.
 */
@ConfigurationProperties("stockradar.jwt")
record SigningKeyProperties(@DefaultValue List<Key> keys) {

    SigningKeyProperties {
        keys = List.copyOf(keys);
    }

    /**
     * @param keyId      {@code kid}; defaults to the key's RFC 7638 thumbprint
     * @param privateKey PKCS#8 PEM, from a secret
     * @param signsFrom  when this key starts signing (ISO-8601); null = from the beginning
     */
    record Key(String keyId, String privateKey, Instant signsFrom) {

        @Override
        public String toString() {
            return "Key[keyId=" + keyId + ", signsFrom=" + signsFrom + ", privateKey=<configured>]";
        }
    }
}
