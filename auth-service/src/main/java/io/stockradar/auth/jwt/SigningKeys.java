package io.stockradar.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys this instance signs with over time, and the public key set it publishes and verifies against.
 * <p>
 * Rotation: every key has an instant from which it signs; the key signing now is the one with the latest
 * such instant that has passed. Published (JWKS) and accepted are: the key signing now, every key scheduled
 * to sign later (so relying parties have it cached before the first token signed with it appears), and a
 * superseded key for {@code retention} after its successor took over (the longest token lifetime plus
 * clock skew), so that no token it signed is refused before it expires. Time alone drives the switch, so
 * instances with the same configuration switch together without a restart.
 */
public final class SigningKeys {

    /** A key and the instant from which it signs. */
    record Scheduled(RSAKey key, Instant signsFrom) {
    }

    private final List<Scheduled> keys;
    private final Duration retention;
    private final Clock clock;

    SigningKeys(RSAKey signingKey) {
        this(List.of(new Scheduled(signingKey, Instant.EPOCH)), Duration.ZERO, Clock.systemUTC());
    }

    SigningKeys(List<Scheduled> keys, Duration retention, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one signing key is needed");
        }
        Set<String> ids = new HashSet<>();
        for (Scheduled scheduled : keys) {
            if (!scheduled.key().isPrivate()) {
                throw new IllegalArgumentException("A signing key needs its private part");
            }
            if (!ids.add(scheduled.key().getKeyID())) {
                throw new IllegalArgumentException("Two signing keys share the kid " + scheduled.key().getKeyID());
            }
        }
        List<Scheduled> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(Scheduled::signsFrom));
        this.keys = List.copyOf(sorted);
        this.retention = retention;
        this.clock = clock;
        if (sorted.getFirst().signsFrom().isAfter(clock.instant())) {
            throw new IllegalArgumentException("No signing key is valid now: the earliest starts signing at "
                    + sorted.getFirst().signsFrom());
        }
    }

    /** One RS256 key that signs from now on; {@code kid} given, or the RFC 7638 thumbprint. */
    static SigningKeys of(RSAPrivateCrtKey privateKey, String keyId) {
        return new SigningKeys(rsaKey(privateKey, keyId));
    }

    /** An RS256 signing JWK with {@code use=sig}; {@code kid} given, or the RFC 7638 thumbprint. */
    static RSAKey rsaKey(RSAPrivateCrtKey privateKey, String keyId) {
        RSAKey withoutId = new RSAKey.Builder(PemKeys.publicKeyOf(privateKey)).privateKey(privateKey).build();
        String kid = keyId;
        if (kid == null || kid.isBlank()) {
            try {
                kid = withoutId.computeThumbprint().toString();
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot compute the key thumbprint", e);
            }
        }
        return new RSAKey.Builder(withoutId)
                .keyID(kid)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }

    public String currentKeyId() {
        return signingKey().getKeyID();
    }

    /** The private key signing now, for the token encoder only. */
    RSAKey signingKey() {
        Instant now = clock.instant();
        Scheduled current = keys.getFirst();
        for (Scheduled scheduled : keys) {
            if (!scheduled.signsFrom().isAfter(now)) {
                current = scheduled;
            }
        }
        return current.key();
    }

    /** The private key with this {@code kid} (signing now, scheduled or superseded), for the token encoder only. */
    Optional<RSAKey> privateKey(String keyId) {
        return keys.stream().map(Scheduled::key).filter(key -> key.getKeyID().equals(keyId)).findFirst();
    }

    /** Public parts of the keys published now (signing, upcoming, and recently superseded), safe to publish. */
    public JWKSet publicKeys() {
        Instant now = clock.instant();
        List<JWK> published = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Instant supersededAt = i + 1 < keys.size() ? keys.get(i + 1).signsFrom() : null;
            boolean stillValid = supersededAt == null || supersededAt.plus(retention).isAfter(now);
            if (stillValid) {
                published.add(keys.get(i).key().toPublicJWK());
            }
        }
        return new JWKSet(published);
    }

    /** The JWKS document ({@code {"keys":[...]}}), public parts only. */
    Map<String, Object> publicJwks() {
        return publicKeys().toJSONObject(true);
    }

    /** For the decoder: the published public keys, as of the moment of verification. */
    JWKSource<SecurityContext> verificationKeySource() {
        return (selector, context) -> selector.select(publicKeys());
    }
}
