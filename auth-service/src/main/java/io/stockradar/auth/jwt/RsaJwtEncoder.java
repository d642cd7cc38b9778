package io.stockradar.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import java.net.URL;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring's {@link JwtEncoder} for our RS256 keys, signing with the provider {@link TokenSignatures} chose. It does
 * what {@code NimbusJwtEncoder} does for us (which always signs with the JDK's default provider): the header's
 * {@code kid} picks the key among {@link SigningKeys} (the current one when the header names none), the header and
 * claims are serialized by Nimbus JOSE, and a signer is built once per key.
 */
final class RsaJwtEncoder implements JwtEncoder {

    private final SigningKeys keys;
    private final TokenSignatures signatures;
    private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

    RsaJwtEncoder(SigningKeys keys, TokenSignatures signatures) {
        this.keys = keys;
        this.signatures = signatures;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
        JwsHeader requested = parameters.getJwsHeader() != null
                ? parameters.getJwsHeader() : JwsHeader.with(SignatureAlgorithm.RS256).build();
        if (requested.getAlgorithm() != SignatureAlgorithm.RS256) {
            throw new JwtEncodingException("Only RS256 is signed here, not " + requested.getAlgorithm());
        }
        String keyId = requested.getKeyId() != null ? requested.getKeyId() : keys.currentKeyId();
        RSAKey key = keys.privateKey(keyId)
                .orElseThrow(() -> new JwtEncodingException("No signing key with kid " + keyId));
        Map<String, Object> headers = new LinkedHashMap<>(requested.getHeaders());
        headers.put("alg", JWSAlgorithm.RS256.getName());
        headers.put("kid", keyId);
        JwtClaimsSet claims = parameters.getClaims();
        try {
            SignedJWT jwt = new SignedJWT(JWSHeader.parse(json(headers)), JWTClaimsSet.parse(json(claims.getClaims())));
            jwt.sign(signers.computeIfAbsent(keyId, id -> signatures.signer(key)));
            headers.put("alg", SignatureAlgorithm.RS256);
            return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), headers, claims.getClaims());
        } catch (ParseException | JOSEException e) {
            throw new JwtEncodingException("Cannot sign the token: " + e.getMessage(), e);
        }
    }

    /** JSON values as Nimbus parses them: instants as seconds since the epoch (RFC 7519 NumericDate), URLs as text. */
    private static Map<String, Object> json(Map<String, Object> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((name, value) -> json.put(name, switch (value) {
            case Instant instant -> instant.getEpochSecond();
            case URL url -> url.toExternalForm();
            default -> value;
        }));
        return json;
    }
}
