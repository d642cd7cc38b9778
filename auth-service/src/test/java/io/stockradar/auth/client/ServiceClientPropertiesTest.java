package io.stockradar.auth.client;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceClientPropertiesTest {

    @Test
    void aPlaintextSecretInsteadOfAHashIsRefusedAtStartup() {
        assertThatThrownBy(() -> new ServiceClientProperties(Map.of("agent-service",
                new ServiceClientProperties.Client("my-plain-secret", List.of("market:read")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stockradar.clients.agent-service.secret-hash")
                .hasMessageNotContaining("my-plain-secret");
    }

    @Test
    void invalidScopeNamesAreRefused() {
        String hash = new BCryptPasswordEncoder(4).encode("secret");
        assertThatThrownBy(() -> new ServiceClientProperties(Map.of("a",
                new ServiceClientProperties.Client(hash, List.of("market read")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argon2AndBcryptHashesBothVerify() {
        String argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("s3cret-value");
        String bcrypt = new BCryptPasswordEncoder(4).encode("s3cret-value");

        assertThat(SecretHashes.matches("s3cret-value", argon2)).isTrue();
        assertThat(SecretHashes.matches("s3cret-valuE", argon2)).isFalse();
        assertThat(SecretHashes.matches("s3cret-value", bcrypt)).isTrue();
        assertThat(SecretHashes.matches("s3cret-valuE", bcrypt)).isFalse();
        assertThat(SecretHashes.matches("x".repeat(80), new BCryptPasswordEncoder(4).encode("x".repeat(72))))
                .as("over BCrypt's 72 bytes: refused, not truncated").isFalse();
    }

    @Test
    void basicCredentialsAreDecodedPerRfc6749() {
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString("my%3Aclient:p%40ss%3Aword".getBytes());

        assertThat(ClientCredentialsService.basicCredentials(header)).containsExactly("my:client", "p@ss:word");
        assertThat(ClientCredentialsService.basicCredentials("Bearer abc")).isNull();
        assertThat(ClientCredentialsService.basicCredentials("Basic !!!")).isNull();
        assertThat(ClientCredentialsService.basicCredentials(null)).isNull();
    }
}
