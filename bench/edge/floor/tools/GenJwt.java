import java.nio.file.*;
import java.security.*;
import java.util.Base64;

/** Generates an RSA-2048 key pair, writes keys/public.der (X.509) and keys/token.txt (RS256 JWT, exp +10 days). */
public class GenJwt {
    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a.length > 0 ? a[0] : "keys");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA"); g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Files.write(dir.resolve("public.der"), kp.getPublic().getEncoded());
        var b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String h = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"spike\"}".getBytes());
        String p = b64.encodeToString(("{\"iss\":\"https://auth.stockradar.local\",\"sub\":\"user-42\",\"aud\":\"stock-radar\",\"scope\":\"read write\","
                + "\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 864000) + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}").getBytes());
        Signature s = Signature.getInstance("SHA256withRSA"); s.initSign(kp.getPrivate());
        s.update((h + "." + p).getBytes());
        String t = h + "." + p + "." + b64.encodeToString(s.sign());
        Files.writeString(dir.resolve("token.txt"), t);
        System.out.println("token length " + t.length());
    }
}
