package io.stockradar.auth.jwt;

import io.stockradar.auth.AuthServiceApplication;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.interfaces.RSAPrivateCrtKey;

import static org.assertj.core.api.Assertions.assertThat;

/** With STOCKRADAR_JWT_PRIVATE_KEY / STOCKRADAR_JWT_KEY_ID set, that key signs and the database key is ignored. */
class ConfiguredSigningKeyIntegrationTests {

    @Test
    void configuredKeyWinsOverTheDevKey() throws Exception {
        RSAPrivateCrtKey key = PemKeysTest.rsaKey(2048);
        var postgres = SharedInfrastructure.postgres();
        postgres.createDatabase("auth");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + postgres.jdbcUrl("auth"),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=" + postgres.password(),
                        // The PEM with escaped line breaks, as it often arrives through an environment variable.
                        "--stockradar.jwt.private-key=" + PemKeys.toPem(key).replace("\n", "\\n"),
                        "--stockradar.jwt.key-id=prod-2026-11")) {
            SigningKeys keys = context.getBean(SigningKeys.class);

            assertThat(keys.currentKeyId()).isEqualTo("prod-2026-11");
            assertThat(keys.publicKeys().getKeys().getFirst().toRSAKey().getModulus().decodeToBigInteger()).isEqualTo(key.getModulus());
        }
    }
}
