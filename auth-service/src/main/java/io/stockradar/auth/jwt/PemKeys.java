package io.stockradar.auth.jwt;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/** RSA private keys in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), both ways. */
final class PemKeys {

    static final int MIN_RSA_BITS = 2048;

    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * Parses a PKCS#8 PEM RSA key. Tolerates the PEM arriving through an environment variable with
     * literal {@code \n} sequences instead of line breaks.
     */
    static RSAPrivateCrtKey parsePrivateKey(String pem) {
        String text = pem.replace("\\n", "\n").strip();
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("Signing key is PKCS#1 (BEGIN RSA PRIVATE KEY); convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt'");
        }
        if (!text.startsWith(BEGIN) || !text.contains(END)) {
            throw new IllegalArgumentException("Signing key must be a PKCS#8 PEM (" + BEGIN + ")");
        }
        String base64 = text.substring(BEGIN.length(), text.indexOf(END)).replaceAll("\\s", "");
        Object key;
        try {
            key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never echo key material: the message names the problem only.
            throw new IllegalArgumentException("Signing key is not a valid PKCS#8 RSA private key", e);
        }
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("Signing key must be an RSA key with CRT parameters");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("Signing key must have at least " + MIN_RSA_BITS + " bits");
        }
        return rsa;
    }

    static RSAPublicKey publicKeyOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key", e);
        }
    }

    static String toPem(RSAPrivateCrtKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
        return BEGIN + "\n" + base64 + "\n" + END + "\n";
    }
}
