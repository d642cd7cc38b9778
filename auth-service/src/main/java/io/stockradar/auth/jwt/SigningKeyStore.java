package io.stockradar.auth.jwt;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Optional;

/**
 * DEV ONLY: keeps a generated signing key in table {@code signing_key}, so that restarts don't
 * invalidate every token and several instances sign with one key. Production configures
 * {@code STOCKRADAR_JWT_PRIVATE_KEY} from a secret instead and never touches this table.
 */
@Repository
class SigningKeyStore {

    record StoredKey(String kid, RSAPrivateCrtKey privateKey) {
    }

    private final JdbcClient jdbc;

    SigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest stored key, or a new RSA-2048 key stored now. The table lock makes instances that
     * start together agree on one key: the first creates it, the others wait and read it.
     */
    @Transactional
    StoredKey loadOrCreate() {
        jdbc.sql("lock table signing_key in share row exclusive mode").update();
        Optional<StoredKey> existing = newest();
        if (existing.isPresent()) {
            return existing.get();
        }
        RSAPrivateCrtKey key = generate();
        String kid = SigningKeys.of(key, null).currentKeyId();
        jdbc.sql("insert into signing_key (kid, private_key_pem) values (:kid, :pem)")
                .param("kid", kid)
                .param("pem", PemKeys.toPem(key))
                .update();
        return new StoredKey(kid, key);
    }

    Optional<StoredKey> newest() {
        return jdbc.sql("select kid, private_key_pem from signing_key order by created_at desc, kid limit 1")
                .query((rs, row) -> new StoredKey(rs.getString("kid"), PemKeys.parsePrivateKey(rs.getString("private_key_pem"))))
                .optional();
    }

    private static RSAPrivateCrtKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
