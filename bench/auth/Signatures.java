import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/**
 * RS256 or ES256 for access tokens? The auth issue asks for ES256 only if it verifies faster here: every API call
 * is verified at the gateway and again at the service, while a token is signed once per sign-in or refresh. Times
 * the JDK's SHA256withRSA (2048-bit key) and SHA256withECDSA (P-256, the JOSE P1363 signature format) on a
 * token-sized message, a new {@code Signature} per operation as Nimbus JOSE does, alternating the algorithms in
 * rounds. Also RS256 signed by the Amazon Corretto Crypto Provider (native AWS-LC), which auth-service signs with
 * ({@code TokenSignatures}): with the JDK's key object, which it converts on every signature, and with the key
 * imported into its own key object, as auth-service does. Run with {@code bench/auth/signatures.sh}, which puts the
 * provider's jar on the class path.
 */
public class Signatures {

    private static final int MILLIS_PER_MEASUREMENT = 2_000;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        byte[] token = new byte[560]; // header.payload of a Stock Radar access token, about this long
        new SecureRandom().nextBytes(token);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKeys = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecKeys = ec.generateKeyPair();
        String rs256 = "SHA256withRSA";
        String es256 = "SHA256withECDSAinP1363Format";
        Provider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
        PrivateKey accpKey = KeyFactory.getInstance("RSA", accp)
                .generatePrivate(new PKCS8EncodedKeySpec(rsaKeys.getPrivate().getEncoded()));
        byte[] rsaSignature = sign(rs256, rsaKeys.getPrivate(), token);
        if (!Arrays.equals(rsaSignature, sign(rs256, accpKey, token, accp))) {
            throw new IllegalStateException("the native RS256 signature differs from the JDK's");
        }
        byte[] ecSignature = sign(es256, ecKeys.getPrivate(), token);

        // RS256 sign, RS256 verify, ES256 sign, ES256 verify; RS256 sign natively with a JDK key, with its own key
        double[][] micros = new double[6][rounds];
        for (int r = -1; r < rounds; r++) { // round -1: warm-up, not reported
            double[] round = {
                    time(() -> sign(rs256, rsaKeys.getPrivate(), token)),
                    time(() -> verify(rs256, rsaKeys.getPublic(), token, rsaSignature)),
                    time(() -> sign(es256, ecKeys.getPrivate(), token)),
                    time(() -> verify(es256, ecKeys.getPublic(), token, ecSignature)),
                    time(() -> sign(rs256, rsaKeys.getPrivate(), token, accp)),
                    time(() -> sign(rs256, accpKey, token, accp))};
            if (r >= 0) {
                for (int i = 0; i < round.length; i++) {
                    micros[i][r] = round[i];
                }
                System.out.printf("round %d: RS256 sign %.0f us, verify %.1f us | ES256 sign %.0f us, verify %.1f us"
                        + " | RS256 sign native: JDK key %.0f us, own key %.0f us%n",
                        r + 1, round[0], round[1], round[2], round[3], round[4], round[5]);
            }
        }
        double rsSign = median(micros[0]);
        double rsVerify = median(micros[1]);
        double esSign = median(micros[2]);
        double esVerify = median(micros[3]);
        System.out.printf("median of %d rounds (%s %s):%n", rounds, System.getProperty("java.vendor"),
                System.getProperty("java.version"));
        System.out.printf("  verify: RS256 %.1f us, ES256 %.1f us -> ES256 needs %.1fx the time of RS256%n",
                rsVerify, esVerify, esVerify / rsVerify);
        System.out.printf("  sign:   RS256 %.0f us, ES256 %.0f us -> RS256 needs %.1fx the time of ES256%n",
                rsSign, esSign, rsSign / esSign);
        double nativeJdkKey = median(micros[4]);
        double nativeOwnKey = median(micros[5]);
        System.out.printf("  RS256 sign, Amazon Corretto Crypto Provider %s: %.0f us with its own key (JDK %.1fx that),"
                + " %.0f us with the JDK's key object%n", ((AmazonCorrettoCryptoProvider) accp).getVersionStr(),
                nativeOwnKey, rsSign / nativeOwnKey, nativeJdkKey);
    }

    private interface Operation {
        void run() throws Exception;
    }

    private static double time(Operation operation) throws Exception {
        long start = System.nanoTime();
        long end = start + MILLIS_PER_MEASUREMENT * 1_000_000L;
        long count = 0;
        long now;
        do {
            operation.run();
            count++;
            now = System.nanoTime();
        } while (now < end);
        return (now - start) / 1e3 / count;
    }

    private static byte[] sign(String algorithm, PrivateKey key, byte[] message) throws Exception {
        return sign(algorithm, key, message, null);
    }

    private static byte[] sign(String algorithm, PrivateKey key, byte[] message, Provider provider) throws Exception {
        Signature signature = provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
        signature.initSign(key);
        signature.update(message);
        return signature.sign();
    }

    private static void verify(String algorithm, PublicKey key, byte[] message, byte[] expected) throws Exception {
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(key);
        signature.update(message);
        if (!signature.verify(expected)) {
            throw new IllegalStateException(algorithm + " did not verify");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
