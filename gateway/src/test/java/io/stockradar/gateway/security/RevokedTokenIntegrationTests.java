package io.stockradar.gateway.security;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.gateway.support.Backend;
import io.stockradar.gateway.support.FakeAuthService;
import io.stockradar.gateway.support.GatewayIntegrationTest;
import io.stockradar.testsupport.Redis;
import io.stockradar.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tokens auth-service revoked (it writes {@code auth:revoked-before:<sub>} = epoch second T to Redis when it
 * locks or deletes an account, ends its sessions or changes its password) are refused at the edge within their
 * lifetime, against the JVM's real Redis.
 */
class RevokedTokenIntegrationTests extends GatewayIntegrationTest {

    private static final String API_KEY = "X-API-Key";

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void aTokenIssuedBeforeItsSubjectWasRevokedIs401TokenRevokedAndNeverReachesTheService() {
        String subject = UUID.randomUUID().toString();
        Instant issued = Instant.now().minusSeconds(30);
        String token = tokenOf(subject, issued);
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk();

        revoke(subject, Instant.now());

        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\".*revoked.*")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("TOKEN_REVOKED")
                .jsonPath("$.type").isEqualTo("https://stockradar.io/problems/token-revoked");
        assertThat(apiCalls(HISTORY_1, HISTORY_2)).as("only the call before the revocation").isEqualTo(1);
    }

    @Test
    void aTokenIssuedInTheSecondOfTheMarkIsRevokedTooAndOneIssuedAfterItPasses() {
        String subject = UUID.randomUUID().toString();
        Instant mark = Instant.now().minusSeconds(60);
        revoke(subject, mark);

        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(tokenOf(subject, mark))).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("TOKEN_REVOKED");
        // A new sign-in after the revocation (e.g. after an unlock): the mark stays, the new token passes.
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(tokenOf(subject, mark.plusSeconds(1))))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void aForgedTokenIsRefusedWithoutAskingRedis() {
        String subject = UUID.randomUUID().toString();
        String genuine = tokenOf(subject, Instant.now().minusSeconds(30));
        String[] parts = genuine.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        Redis server = SharedInfrastructure.redis();
        RedisClient lettuce = RedisClient.create(RedisURI.create(server.host(), server.port()));
        try (StatefulRedisConnection<String, String> connection = lettuce.connect()) {
            long before = getCalls(connection.sync().info("commandstats"));

            client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(forged)).exchange()
                    .expectStatus().isUnauthorized();

            assertThat(getCalls(connection.sync().info("commandstats")))
                    .as("the revocation mark is read only for a token whose signature holds (issue 20)")
                    .isEqualTo(before);
        } finally {
            lettuce.shutdown();
        }
    }

    /** {@code calls} of {@code cmdstat_get} in INFO commandstats (0 before the first GET). */
    private static long getCalls(String commandStats) {
        for (String line : commandStats.split("\r?\n")) {
            if (line.startsWith("cmdstat_get:")) {
                return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls="))));
            }
        }
        return 0;
    }

    @Test
    void revokingOneSubjectLeavesOthersAlone() {
        revoke(UUID.randomUUID().toString(), Instant.now());

        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.valid())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void anApiKeyOfARevokedOwnerStopsWorkingAtOnceEvenWithItsTokenCachedAtTheGateway() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");
        client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        int exchanges = AUTH_SERVER.exchanges();

        // auth-service locks the owner: it writes the mark (and would refuse the key at its next exchange).
        revoke(key.userId(), Instant.now());

        client.get().uri("/api/history").header(API_KEY, key.value()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("TOKEN_REVOKED");
        assertThat(AUTH_SERVER.exchanges()).as("the cached token was used, and refused").isEqualTo(exchanges);
        assertThat(apiCalls(HISTORY_1, HISTORY_2)).isEqualTo(1);

        // The refused token is not kept: the next request asks auth-service again (which refuses a locked owner's
        // key, and after an unlock issues a new token).
        client.get().uri("/api/history").header(API_KEY, key.value()).exchange();
        assertThat(AUTH_SERVER.exchanges()).isEqualTo(exchanges + 1);
    }

    @Test
    void aSignedOutSessionsTokenIs401TokenRevokedWhileTheSameUsersOtherSessionsPass() {
        String subject = UUID.randomUUID().toString();
        Instant issued = Instant.now().minusSeconds(30);
        String signedOut = TOKENS.with(claims -> claims.subject(subject).issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).claim("sid", "session-a-" + subject));
        String otherDevice = TOKENS.with(claims -> claims.subject(subject).issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).claim("sid", "session-b-" + subject));
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(signedOut)).exchange()
                .expectStatus().isOk();

        // auth-service signs session a out: auth:revoked-session:<sid>
        revokeSession("session-a-" + subject, Instant.now());

        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(signedOut)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("TOKEN_REVOKED");
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(otherDevice)).exchange()
                .expectStatus().isOk();
        assertThat(apiCalls(HISTORY_1, HISTORY_2)).isEqualTo(2);
    }

    @Test
    void aRevokedApiKeyStopsWorkingAtOnceEvenWithItsTokenCachedAtTheGateway() {
        FakeAuthService.Key key = AUTH_SERVER.newKey("full");
        FakeAuthService.Key sameOwnersOtherKey = AUTH_SERVER.newKey("full");
        client.get().uri("/api/history").header(API_KEY, key.value()).exchange().expectStatus().isOk();
        int exchanges = AUTH_SERVER.exchanges();

        // The owner revokes the key: auth-service deletes it and marks its session (sid = key id).
        AUTH_SERVER.revoke(key);
        revokeSession(key.id(), Instant.now());

        client.get().uri("/api/history").header(API_KEY, key.value()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("TOKEN_REVOKED");
        assertThat(AUTH_SERVER.exchanges()).as("the cached token was used, and refused").isEqualTo(exchanges);
        client.get().uri("/api/history").header(API_KEY, key.value()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
        client.get().uri("/api/history").header(API_KEY, sameOwnersOtherKey.value()).exchange().expectStatus().isOk();
        assertThat(apiCalls(HISTORY_1, HISTORY_2)).isEqualTo(2);
    }

    @Test
    void withRedisDownTokensAreAcceptedWithoutDelayAndCountedFailOpen() {
        String subject = UUID.randomUUID().toString();
        String token = tokenOf(subject, Instant.now().minusSeconds(30));
        double unavailableBefore = unavailableChecks();
        Redis server = SharedInfrastructure.redis();
        server.stop();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                        .expectStatus().isOk();
            }
            // no waiting for Redis (Lettuce's default would queue each command for up to 60 s)
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(unavailableChecks() - unavailableBefore).isEqualTo(3);
            // Invalid tokens are still refused: only the revocation check is skipped.
            client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(TOKENS.tampered())).exchange()
                    .expectStatus().isUnauthorized();
            assertThat(apiCalls(ALL.toArray(Backend[]::new))).isEqualTo(3);
        } finally {
            server.start();
        }

        // Back: marks are honoured again (the restarted server is empty; auth-service writes new marks).
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            revoke(subject, Instant.now()); // fails until the test's own connection is back too
            client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("TOKEN_REVOKED");
        });
    }

    @Test
    void aConnectedRedisTooSlowToAnswerGets503InsteadOfASkippedCheck() {
        String token = tokenOf(UUID.randomUUID().toString(), Instant.now().minusSeconds(30));
        // Verified once while Redis answers, so that the next request's only step is the revocation check.
        client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk();
        long callsBefore = apiCalls(ALL.toArray(Backend[]::new));
        double timeoutsBefore = checks("timeout");
        double unavailableBefore = checks("unavailable");
        Redis server = SharedInfrastructure.redis();
        RedisClient lettuce = RedisClient.create(RedisURI.create(server.host(), server.port()));
        try (StatefulRedisConnection<String, String> connection = lettuce.connect()) {
            // Every client's commands now wait 3 s: Redis is up and connected, and answers nothing in time.
            connection.sync().clientPause(3000);

            client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody().jsonPath("$.code").isEqualTo("UNAVAILABLE");
        } finally {
            lettuce.shutdown();
        }
        assertThat(apiCalls(ALL.toArray(Backend[]::new))).as("the unchecked token reached no service").isEqualTo(callsBefore);
        assertThat(checks("timeout") - timeoutsBefore).isEqualTo(1);
        assertThat(checks("unavailable") - unavailableBefore).as("not counted as an outage").isZero();
        // Once Redis answers again, so does the gateway.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                client.get().uri("/api/history").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                        .expectStatus().isOk());
    }

    private double checks(String outcome) {
        var counter = meters.find("stockradar.gateway.token.revocation.checks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void revoke(String subject, Instant before) {
        redis.opsForValue().set(RevokedTokens.KEY_PREFIX + subject, Long.toString(before.getEpochSecond()),
                Duration.ofMinutes(16)).block(Duration.ofSeconds(5));
    }

    private void revokeSession(String sid, Instant before) {
        redis.opsForValue().set("auth:revoked-session:" + sid, Long.toString(before.getEpochSecond()),
                Duration.ofMinutes(16)).block(Duration.ofSeconds(5));
    }

    private static String tokenOf(String subject, Instant issuedAt) {
        return TOKENS.with(claims -> claims.subject(subject).issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt)));
    }

    private double unavailableChecks() {
        var counter = meters.find("stockradar.gateway.token.revocation.checks").tag("outcome", "unavailable").counter();
        return counter == null ? 0 : counter.count();
    }
}
