package io.stockradar.common.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyScopeFilterTest {

    @Test
    void aReadKeysTokenMayOnlyGetOrHead() {
        Jwt read = jwt(Map.of("auth_method", "api_key", "scope", "read"));

        assertThat(ApiKeyScopeFilter.allows(read, "GET")).isTrue();
        assertThat(ApiKeyScopeFilter.allows(read, "HEAD")).isTrue();
        for (String write : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertThat(ApiKeyScopeFilter.allows(read, write)).as(write).isFalse();
        }
    }

    @Test
    void aFullKeysTokenMayWrite() {
        assertThat(ApiKeyScopeFilter.allows(jwt(Map.of("auth_method", "api_key", "scope", "full")), "POST")).isTrue();
        assertThat(ApiKeyScopeFilter.allows(jwt(Map.of("auth_method", "api_key", "scope", List.of("full"))), "DELETE"))
                .isTrue();
    }

    @Test
    void aKeyTokenWithoutAScopeIsReadOnly() {
        assertThat(ApiKeyScopeFilter.allows(jwt(Map.of("auth_method", "api_key")), "POST")).isFalse();
        assertThat(ApiKeyScopeFilter.allows(jwt(Map.of("auth_method", "api_key", "scope", "fullish")), "POST")).isFalse();
    }

    @Test
    void signInAndServiceTokensAreNotAffected() {
        assertThat(ApiKeyScopeFilter.allows(jwt(Map.of("roles", List.of("USER"))), "DELETE")).isTrue();
        assertThat(ApiKeyScopeFilter.allows(jwt(Map.of("scope", "market:read")), "POST")).isTrue();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("user")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
