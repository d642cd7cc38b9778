package io.stockradar.auth.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceApplication;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryIntegrationTests extends AuthServiceIntegrationTest {

    @Autowired
    private SigningKeys signingKeys;

    @Autowired
    private SigningKeyStore store;

    @Test
    void jwksPublishesThePublicSigningKey() throws Exception {
        AuthApi.Response response = api().get("/.well-known/jwks.json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=300").contains("public");
        JsonNode keys = response.json().get("keys");
        assertThat(keys.size()).isEqualTo(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("use").asString()).isEqualTo("sig");
        assertThat(key.get("alg").asString()).isEqualTo("RS256");
        assertThat(key.get("kid").asString()).isEqualTo(signingKeys.currentKeyId());
        assertThat(key.has("n") && key.has("e")).isTrue();
        for (String privatePart : new String[] {"d", "p", "q", "dp", "dq", "qi"}) {
            assertThat(key.has(privatePart)).as(privatePart).isFalse();
        }
        RSAKey parsed = (RSAKey) JWKSet.parse(response.body()).getKeys().getFirst();
        assertThat(parsed.toRSAPublicKey().getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
    }

    @Test
    void openidConfigurationNamesTheIssuerAndItsKeys() {
        AuthApi.Response response = api().get("/.well-known/openid-configuration");

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(document.get("jwks_uri").asString()).isEqualTo(ISSUER + "/.well-known/jwks.json");
        assertThat(document.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
        assertThat(document.get("subject_types_supported").toString()).isEqualTo("[\"public\"]");
        assertThat(document.get("claims_supported").toString()).contains("preferred_username", "roles");
    }

    @Test
    void devKeyIsKeptInTheDatabase() {
        SigningKeyStore.StoredKey stored = store.newest().orElseThrow();

        assertThat(stored.kid()).isEqualTo(signingKeys.currentKeyId());
        assertThat(store.loadOrCreate().kid()).as("loading again creates nothing").isEqualTo(stored.kid());
        assertThat(jdbc.sql("select count(*) from signing_key").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void devKeySurvivesARestart() throws Exception {
        String before = signingKeys.currentKeyId();
        String modulusBefore = signingKeys.publicKeys().getKeys().getFirst().toRSAKey().getModulus().toString();

        // A second instance against the same database: it must sign with the same key.
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(AuthServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + SharedInfrastructure.postgres().jdbcUrl("auth"),
                        "--spring.datasource.username=" + SharedInfrastructure.postgres().username(),
                        "--spring.datasource.password=" + SharedInfrastructure.postgres().password(),
                        "--stockradar.jwt.issuer=" + ISSUER)) {
            SigningKeys restarted = second.getBean(SigningKeys.class);

            assertThat(restarted.currentKeyId()).isEqualTo(before);
            assertThat(restarted.publicKeys().getKeys().getFirst().toRSAKey().getModulus().toString())
                    .isEqualTo(modulusBefore);

            // A token from the second instance is accepted by the first.
            String token = second.getBean(AccessTokenIssuer.class)
                    .issue(java.util.UUID.randomUUID(), "restart-check", java.util.List.of("USER")).value();
            assertThat(second.getBean(org.springframework.security.oauth2.jwt.JwtDecoder.class).decode(token)).isNotNull();
            assertThat(new JwtConfiguration().jwtDecoder(signingKeys,
                    new JwtProperties(ISSUER, null, null, java.time.Duration.ofMinutes(15))).decode(token).getSubject())
                    .isNotBlank();
        }
    }
}
