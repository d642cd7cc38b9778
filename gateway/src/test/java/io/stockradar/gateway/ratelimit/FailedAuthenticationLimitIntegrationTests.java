package io.stockradar.gateway.ratelimit;

import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Unauthenticated work is limited per client address before authentication (issue 20, item 2). */
@TestPropertySource(properties = {"stockradar.security.failed-authentication.limit=3",
        "stockradar.security.failed-authentication.window=1h"})
class FailedAuthenticationLimitIntegrationTests extends GatewayIntegrationTest {

    @Test
    void afterTooManyFailedAuthenticationsUnprovenCredentialsGet429UpFrontWhileVerifiedTokensStillPass() {
        String verified = TOKENS.valid();
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(verified)).exchange()
                .expectStatus().isOk();
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.tampered())).exchange()
                    .expectStatus().isUnauthorized();
        }
        int jwksFetches = JWKS_REQUESTS.get();
        long serviceCalls = apiCalls(ALL.toArray(Backend[]::new));
        int exchanges = AUTH_SERVER.exchanges();

        // The limit is reached: a forged token, a fresh genuine one and an API key are refused before any check.
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.signedWithUnknownKey("kid-x")))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isPositive())
                .expectBody().jsonPath("$.code").isEqualTo("TOO_MANY_REQUESTS");
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid())).exchange()
                .expectStatus().isEqualTo(429);
        client.get().uri("/api/history").header("X-API-Key", "sr_made_up_key").exchange()
                .expectStatus().isEqualTo(429);
        assertThat(JWKS_REQUESTS.get()).as("no key fetch for the refused requests").isEqualTo(jwksFetches);
        assertThat(AUTH_SERVER.exchanges()).as("no API-key exchange").isEqualTo(exchanges);

        // A token verified before keeps working, and requests without credentials are left to the route limits.
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(verified)).exchange()
                .expectStatus().isOk();
        client.get().uri("/api/history").exchange().expectStatus().isUnauthorized();
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).isEqualTo(serviceCalls + 1);
    }
}
