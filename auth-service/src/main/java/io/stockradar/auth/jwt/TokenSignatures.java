package io.stockradar.auth.jwt;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Who computes the RS256 signatures of the tokens this service issues. A 2048-bit RSA signature is the dearest part
 * of a sign-in after the password hash: about 1 ms with the JDK's provider on our machines, 0.25 ms with the Amazon
 * Corretto Crypto Provider (AWS-LC, whose RSA uses the CPU's big-number instructions), once its own key object holds
 * the private key; {@code bench/auth/signatures.sh} measures both. Only signing moves: verification stays with the
 * JDK everywhere (34 µs), and the provider is never installed JVM-wide, so TLS, random numbers and digests are
 * untouched.
 *
 * <p>{@link Mode#AUTO} (default, {@code stockradar.jwt.signature-provider}) uses the native provider where its
 * library loads (Linux x86-64, glibc) and passes a self-test: a signature it makes must verify with the JDK against
 * the key's public part, for each key before the key signs a token. Anywhere else, or with {@link Mode#JDK}, the
 * JDK signs, exactly as before. Tokens are the same either way (RSASSA-PKCS1-v1_5 is deterministic).
 */
final class TokenSignatures {

    /** {@code stockradar.jwt.signature-provider}. */
    enum Mode {
        /** The native provider where it works, else the JDK's. */
        AUTO,
        /** Always the JDK's provider. */
        JDK
    }

    private static final Logger log = LoggerFactory.getLogger(TokenSignatures.class);

    private static final byte[] SELF_TEST_INPUT = "stockradar signing self-test".getBytes(StandardCharsets.US_ASCII);

    private final Provider provider;

    private TokenSignatures(Provider provider) {
        this.provider = provider;
    }

    /** The JDK's providers only. */
    static TokenSignatures jdk() {
        return new TokenSignatures(null);
    }

    /** {@code provider} for every key (tests). */
    static TokenSignatures using(Provider provider) {
        return new TokenSignatures(provider);
    }

    static TokenSignatures select(Mode mode) {
        if (mode == Mode.JDK) {
            log.info("Token signatures: the JDK's provider (stockradar.jwt.signature-provider=jdk)");
            return jdk();
        }
        Throwable unavailable = nativeProviderProblem();
        if (unavailable != null) {
            log.info("Token signatures: the JDK's provider; the Amazon Corretto Crypto Provider is not available here "
                    + "({})", unavailable.toString());
            return jdk();
        }
        log.info("Token signatures: Amazon Corretto Crypto Provider {} (native, {}); verification stays with the JDK",
                AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr(), AmazonCorrettoCryptoProvider.INSTANCE.getAwsLcVersionStr());
        return new TokenSignatures(AmazonCorrettoCryptoProvider.INSTANCE);
    }

    /** Null when the native provider loaded and reports itself healthy, else why not. */
    private static Throwable nativeProviderProblem() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                return accp.getLoadingError();
            }
            accp.assertHealthy();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return e;
        }
    }

    /** The provider's name, "JDK" for the JDK's own. */
    String providerName() {
        return provider == null ? "JDK" : provider.getName();
    }

    /**
     * An RS256 signer for {@code key}. With the native provider the private key is first imported into it (its
     * own key object signs four times faster than a JDK key it must convert on every signature) and the signer must
     * pass the self-test; if either fails, this key is signed by the JDK and the failure logged.
     */
    JWSSigner signer(RSAKey key) {
        try {
            if (provider != null) {
                try {
                    PrivateKey imported = KeyFactory.getInstance("RSA", provider)
                            .generatePrivate(new PKCS8EncodedKeySpec(key.toPrivateKey().getEncoded()));
                    RSASSASigner signer = new RSASSASigner(imported);
                    signer.getJCAContext().setProvider(provider);
                    selfTest(signer, key);
                    return signer;
                } catch (GeneralSecurityException | JOSEException | RuntimeException e) {
                    log.error("Token signatures: the native provider failed for key {}; the JDK signs with it instead",
                            key.getKeyID(), e);
                }
            }
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with key " + key.getKeyID(), e);
        }
    }

    private static void selfTest(RSASSASigner signer, RSAKey key) throws JOSEException {
        JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
        Base64URL signature = signer.sign(header, SELF_TEST_INPUT);
        if (!new RSASSAVerifier(key.toRSAPublicKey()).verify(header, SELF_TEST_INPUT, signature)) {
            throw new JOSEException("a signature of the native provider did not verify with the JDK");
        }
    }
}
