package io.stockradar.auth.jwt;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeysTest {

    @Test
    void keyIdDefaultsToTheRfc7638Thumbprint() throws Exception {
        RSAPrivateCrtKey key = PemKeysTest.rsaKey(2048);

        SigningKeys keys = SigningKeys.of(key, null);

        RSAKey expected = new RSAKey.Builder(PemKeys.publicKeyOf(key)).build();
        assertThat(keys.currentKeyId()).isEqualTo(expected.computeThumbprint().toString());
        assertThat(SigningKeys.of(key, "2026-11-key-1").currentKeyId()).isEqualTo("2026-11-key-1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishedKeySetHoldsOnlyPublicParts() throws Exception {
        SigningKeys keys = SigningKeys.of(PemKeysTest.rsaKey(2048), "k1");

        Map<String, Object> jwks = keys.publicJwks();

        List<Map<String, Object>> list = (List<Map<String, Object>>) jwks.get("keys");
        assertThat(list).singleElement().satisfies(jwk -> {
            assertThat(jwk).containsEntry("kty", "RSA").containsEntry("kid", "k1").containsEntry("use", "sig")
                    .containsEntry("alg", "RS256").containsKeys("n", "e");
            assertThat(jwk).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
        });
        assertThat(keys.signingKey().isPrivate()).isTrue();
    }
}
