package io.stockradar.auth.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.charset.StandardCharsets;
import java.security.Provider;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSignaturesTest {

    private static final byte[] SIGNING_INPUT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0".getBytes(StandardCharsets.US_ASCII);
    private static final JWSHeader RS256 = new JWSHeader(JWSAlgorithm.RS256);

    private static RSAKey key;

    @BeforeAll
    static void generateKey() throws Exception {
        key = SigningKeys.rsaKey(PemKeysTest.rsaKey(2048), "k1");
    }

    /** The machines we build and deploy on (Linux x86-64, glibc) get the native signer, not a silent fallback. */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void autoSignsWithTheNativeProviderOnLinuxX8664() throws Exception {
        TokenSignatures signatures = TokenSignatures.select(TokenSignatures.Mode.AUTO);

        assertThat(signatures.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
        JWSSigner signer = signatures.signer(key);
        assertThat(((RSASSASigner) signer).getJCAContext().getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(((RSASSASigner) signer).getPrivateKey().getClass().getName())
                .as("the provider's own key object: a JDK key would be converted on every signature")
                .startsWith("com.amazon.corretto.crypto.provider.");
    }

    /** RSASSA-PKCS1-v1_5 is deterministic: whoever signs, the token is byte for byte the same. */
    @Test
    void theNativeAndTheJdkSignatureAreIdentical() throws Exception {
        Base64URL chosen = TokenSignatures.select(TokenSignatures.Mode.AUTO).signer(key).sign(RS256, SIGNING_INPUT);
        Base64URL jdk = TokenSignatures.jdk().signer(key).sign(RS256, SIGNING_INPUT);

        assertThat(chosen).isEqualTo(jdk);
        assertThat(new RSASSAVerifier(key.toRSAPublicKey()).verify(RS256, SIGNING_INPUT, chosen)).isTrue();
    }

    @Test
    void jdkModeKeepsTheJdkProvider() throws Exception {
        TokenSignatures signatures = TokenSignatures.select(TokenSignatures.Mode.JDK);

        assertThat(signatures.providerName()).isEqualTo("JDK");
        RSASSASigner signer = (RSASSASigner) signatures.signer(key);
        assertThat(signer.getJCAContext().getProvider()).isNull();
        assertThat(signer.getPrivateKey()).isEqualTo(key.toPrivateKey());
        assertThat(signer.getPrivateKey().getClass().getName()).startsWith("sun.security.rsa.");
    }

    /** A provider that cannot import or use the key must not cost a token: the JDK signs that key instead. */
    @Test
    void aProviderThatFailsLeavesTheKeyToTheJdk() throws Exception {
        Provider broken = new Provider("Broken", "1", "offers nothing") { };
        RSASSASigner signer = (RSASSASigner) TokenSignatures.using(broken).signer(key);

        assertThat(signer.getJCAContext().getProvider()).isNull();
        Base64URL signature = signer.sign(RS256, SIGNING_INPUT);
        assertThat(new RSASSAVerifier(key.toRSAPublicKey()).verify(RS256, SIGNING_INPUT, signature)).isTrue();
    }
}
