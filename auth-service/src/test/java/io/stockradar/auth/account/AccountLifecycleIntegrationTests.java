package io.stockradar.auth.account;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import io.stockradar.testsupport.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Changing the password and deleting the account, with the deletion event relayed to a real Kafka. */
class AccountLifecycleIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "silver-canyon-mosaic-88";
    private static final String NEW_PASSWORD = "copper-lagoon-thistle-19";

    private String username;
    private String accountId;

    @BeforeEach
    void signUp() {
        username = uniqueName("life");
        AuthApi.Response signup = api().signup(username, username + "@example.com", PASSWORD);
        assertThat(signup.status()).isEqualTo(201);
        accountId = signup.json().get("id").asString();
    }

    @Test
    void changingThePasswordEndsEverySessionAndOnlyTheNewPasswordWorks() {
        JsonNode phone = api().login(username, PASSWORD).json();
        JsonNode laptop = api().login(username, PASSWORD).json();
        String access = laptop.get("accessToken").asString();

        AuthApi.Response changed = api().json("PUT", "/api/auth/me/password", access,
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(api().refresh(phone.get("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(api().refresh(laptop.get("refreshToken").asString()).status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from refresh_token where account_id = ?::uuid and revoked_at is null")
                .param(accountId).query(Long.class).single()).isZero();
        assertThat(api().login(username, PASSWORD).status()).isEqualTo(401);
        assertThat(api().login(username, NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        JsonNode tokens = api().login(username, PASSWORD).json();

        AuthApi.Response response = api().json("PUT", "/api/auth/me/password", tokens.get("accessToken").asString(),
                Map.of("currentPassword", "not-my-password-at-all", "newPassword", NEW_PASSWORD));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("INVALID_PASSWORD");
        assertThat(api().refresh(tokens.get("refreshToken").asString()).status()).as("session kept").isEqualTo(200);
        assertThat(api().login(username, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void theNewPasswordMustPassThePolicy() {
        String access = api().login(username, PASSWORD).json().get("accessToken").asString();

        for (String weak : List.of("short", "password1234", username, PASSWORD)) {
            AuthApi.Response response = api().json("PUT", "/api/auth/me/password", access,
                    Map.of("currentPassword", PASSWORD, "newPassword", weak));
            assertThat(response.status()).as(weak).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        }
        assertThat(api().login(username, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void passwordEndpointsNeedAToken() {
        assertThat(api().json("PUT", "/api/auth/me/password", null,
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)).status()).isEqualTo(401);
        assertThat(api().json("DELETE", "/api/auth/me", null, Map.of("password", PASSWORD)).status()).isEqualTo(401);
    }

    @Test
    void deletingTheAccountNeedsThePassword() {
        String access = api().login(username, PASSWORD).json().get("accessToken").asString();

        AuthApi.Response response = api().json("DELETE", "/api/auth/me", access, Map.of("password", "wrong-password-here"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(api().get("/api/auth/me", access).status()).isEqualTo(200);
        assertThat(outboxRows()).isZero();
    }

    @Test
    void deletingTheAccountRemovesItAndItsTokensAndPublishesUserDeleted() {
        JsonNode tokens = api().login(username, PASSWORD).json();
        String access = tokens.get("accessToken").asString();
        Instant before = Instant.now().minusSeconds(1);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            AuthApi.Response deleted = api().json("DELETE", "/api/auth/me", access, Map.of("password", PASSWORD));

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(jdbc.sql("select count(*) from account where id = ?::uuid").param(accountId).query(Long.class).single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from refresh_token where account_id = ?::uuid").param(accountId)
                    .query(Long.class).single()).isZero();
            assertThat(api().login(username, PASSWORD).status()).isEqualTo(401);
            assertThat(api().refresh(tokens.get("refreshToken").asString()).status()).isEqualTo(401);
            assertThat(api().get("/api/auth/me", access).status()).isEqualTo(404);

            ConsumerRecord<String, String> record = awaitRecord(consumer, accountId, Duration.ofSeconds(30));
            UserDeletedEvent event = AuthApi.JSON.readValue(record.value(), UserDeletedEvent.class);
            assertThat(event.userId()).isEqualTo(accountId);
            assertThat(event.schemaVersion()).isEqualTo(1);
            assertThat(event.occurredAt()).isBetween(before, Instant.now());
            assertThat(new String(record.headers().lastHeader(Topics.HEADER_EVENT_ID).value(), StandardCharsets.UTF_8))
                    .isEqualTo(event.eventId().toString());
            assertThat(new String(record.headers().lastHeader(Topics.HEADER_PRODUCER).value(), StandardCharsets.UTF_8))
                    .as("names its producer: consumers accept user-deleted only from auth-service").isEqualTo("auth-service");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                    "select published_at is not null from outbox_event where event_id = ?").param(event.eventId())
                    .query(Boolean.class).single()).as("marked published after the ack").isTrue());
        }
    }

    @Test
    void whileKafkaIsDownDeletionSucceedsAndTheEventIsPublishedOnceItIsBack() {
        String access = api().login(username, PASSWORD).json().get("accessToken").asString();
        var kafka = SharedInfrastructure.kafka();
        kafka.stop();
        try {
            AuthApi.Response deleted = api().json("DELETE", "/api/auth/me", access, Map.of("password", PASSWORD));

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(outboxRows()).isEqualTo(1);
            // The relay keeps failing while the broker is away; the event stays pending.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                    "select attempts from outbox_event where event_key = ?").param(accountId).query(Integer.class).single())
                    .isPositive());
            assertThat(jdbc.sql("select published_at is null from outbox_event where event_key = ?").param(accountId)
                    .query(Boolean.class).single()).isTrue();
        } finally {
            kafka.start();
        }

        try (KafkaConsumer<String, String> consumer = consumer()) {
            ConsumerRecord<String, String> record = awaitRecord(consumer, accountId, Duration.ofSeconds(90));
            assertThat(AuthApi.JSON.readValue(record.value(), UserDeletedEvent.class).userId()).isEqualTo(accountId);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select published_at is not null from outbox_event where event_key = ?").param(accountId)
                .query(Boolean.class).single()).isTrue());
    }

    private long outboxRows() {
        return jdbc.sql("select count(*) from outbox_event where event_key = ?").param(accountId).query(Long.class).single();
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "auth-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(Topics.USER_DELETED_V1));
        return consumer;
    }

    /** Polls until a record keyed {@code key} arrives. */
    private static ConsumerRecord<String, String> awaitRecord(KafkaConsumer<String, String> consumer, String key,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        throw new AssertionError("No record keyed " + key + " on " + Topics.USER_DELETED_V1 + " within " + timeout);
    }

}
