package io.stockradar.auth.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceApplication;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotation as configured in production: the single {@code STOCKRADAR_JWT_PRIVATE_KEY} (signed until a minute
 * ago), the key that took over a minute ago, and the next one, due tomorrow: all three are in the JWKS, the
 * current one signs, and a token of the previous key is still accepted.
 */
class RotatingSigningKeysIntegrationTests {

    private static final String ISSUER = "http://issuer.test:8080";

    @Test
    void jwksPublishesPreviousCurrentAndNextKeyAndTheCurrentOneSigns() throws Exception {
        var postgres = SharedInfrastructure.postgres();
        postgres.createDatabase("auth");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.jdbcUrl("auth"),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.data.redis.host=" + SharedInfrastructure.redis().host(),
                "--spring.data.redis.port=" + SharedInfrastructure.redis().port(),
                "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                "--stockradar.jwt.issuer=" + ISSUER,
                "--stockradar.jwt.private-key=" + pem(),
                "--stockradar.jwt.key-id=previous",
                "--stockradar.jwt.keys[0].key-id=current",
                "--stockradar.jwt.keys[0].private-key=" + pem(),
                "--stockradar.jwt.keys[0].signs-from=" + now.minusSeconds(60),
                "--stockradar.jwt.keys[1].key-id=next",
                "--stockradar.jwt.keys[1].private-key=" + pem(),
                "--stockradar.jwt.keys[1].signs-from=" + now.plus(1, ChronoUnit.DAYS))) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            AuthApi api = new AuthApi(port, AuthApi.randomClientIp());

            JWKSet jwks = JWKSet.parse(api.get("/.well-known/jwks.json").body());
            assertThat(jwks.getKeys()).extracting(JWK::getKeyID).containsExactly("previous", "current", "next");

            AccessTokenIssuer issuer = context.getBean(AccessTokenIssuer.class);
            String token = issuer.issue(UUID.randomUUID(), "someone", List.of("USER")).value();
            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("current");

            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            String byPrevious = context.getBean(JwtEncoder.class).encode(JwtEncoderParameters.from(
                    JwsHeader.with(SignatureAlgorithm.RS256).keyId("previous").build(),
                    JwtClaimsSet.builder().issuer(ISSUER).audience(List.of("stockradar-api"))
                            .subject(UUID.randomUUID().toString()).issuedAt(now.minusSeconds(120))
                            .expiresAt(now.plusSeconds(600)).build())).getTokenValue();
            assertThat(decoder.decode(token).getSubject()).isNotBlank();
            assertThat(decoder.decode(byPrevious).getSubject()).as("tokens of the previous key stay valid").isNotBlank();
        }
    }

    private static String pem() throws Exception {
        return PemKeys.toPem(PemKeysTest.rsaKey(2048)).replace("\n", "\\n");
    }
}
