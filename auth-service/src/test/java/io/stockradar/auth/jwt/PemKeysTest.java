package io.stockradar.auth.jwt;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemKeysTest {

    static RSAPrivateCrtKey rsaKey(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    @Test
    void roundTripsAPkcs8Pem() throws Exception {
        RSAPrivateCrtKey key = rsaKey(2048);
        String pem = PemKeys.toPem(key);

        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PemKeys.parsePrivateKey(pem)).isEqualTo(key);
        assertThat(PemKeys.publicKeyOf(key).getModulus()).isEqualTo(key.getModulus());
    }

    @Test
    void acceptsAPemWhoseLineBreaksAreEscapedAsInAnEnvironmentVariable() throws Exception {
        RSAPrivateCrtKey key = rsaKey(2048);
        String escaped = PemKeys.toPem(key).replace("\n", "\\n");

        assertThat(PemKeys.parsePrivateKey(escaped)).isEqualTo(key);
    }

    @Test
    void rejectsPkcs1WithAHint() {
        assertThatThrownBy(() -> PemKeys.parsePrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8");
    }

    @Test
    void rejectsGarbageWithoutEchoingIt() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----";
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> PemKeys.parsePrivateKey("not a pem")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsKeysShorterThan2048Bits() throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(rsaKey(1024).getEncoded())
                + "\n-----END PRIVATE KEY-----";
        assertThatThrownBy(() -> PemKeys.parsePrivateKey(pem)).hasMessageContaining("2048");
    }
}
