package io.stockradar.auth.account;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SignupIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "violet-harbor-stone-42";

    @Test
    void signupCreatesAUserAccount() {
        String username = uniqueName("Ada.");
        Instant before = Instant.now().minusSeconds(1);

        AuthApi.Response response = api().signup(username, username + "@Example.com", PASSWORD);

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).matches("[0-9a-f-]{36}");
        assertThat(body.get("username").asString()).isEqualTo(username);
        assertThat(body.get("email").asString()).isEqualTo(username + "@Example.com");
        assertThat(body.get("roles").toString()).isEqualTo("[\"USER\"]");
        assertThat(Instant.parse(body.get("createdAt").asString())).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(body.has("password")).isFalse();
        assertThat(body.has("passwordHash")).isFalse();

        Map<String, Object> row = jdbc.sql("select username_key, email_key, password_hash from account where id = ?::uuid")
                .param(body.get("id").asString()).query().singleRow();
        assertThat(row.get("username_key")).isEqualTo(username.toLowerCase());
        assertThat(row.get("email_key")).isEqualTo((username + "@example.com").toLowerCase());
        assertThat((String) row.get("password_hash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    }

    @Test
    void fullwidthUsernameIsStoredInItsNormalForm() {
        String name = uniqueName("fw");
        String fullwidth = toFullwidth(name);

        AuthApi.Response response = api().signup(fullwidth, name + "@example.com", PASSWORD);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("username").asString()).isEqualTo(name);
    }

    @Test
    void takenUsernameIsAConflictWhateverItsCaseOrWidth() {
        String name = uniqueName("taken");
        assertThat(api().signup(name, name + "@example.com", PASSWORD).status()).isEqualTo(201);
        long accounts = accountCount();

        for (String variant : List.of(name, name.toUpperCase(), toFullwidth(name), toFullwidth(name.toUpperCase()))) {
            AuthApi.Response response = api().signup(variant, uniqueName("other") + "@example.com", PASSWORD);

            assertThat(response.status()).as(variant).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("USERNAME_TAKEN");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("username");
        }
        assertThat(accountCount()).isEqualTo(accounts);
    }

    @Test
    void takenEmailIsAConflictWhateverItsCaseOrWidth() {
        String name = uniqueName("mail");
        String email = name + "@example.com";
        assertThat(api().signup(name, email, PASSWORD).status()).isEqualTo(201);
        long accounts = accountCount();

        for (String variant : List.of(email, email.toUpperCase(), "  " + email + " ", toFullwidth(email))) {
            AuthApi.Response response = api().signup(uniqueName("other"), variant, PASSWORD);

            assertThat(response.status()).as(variant).isEqualTo(409);
            assertThat(response.json().get("code").asString()).isEqualTo("EMAIL_TAKEN");
        }
        assertThat(accountCount()).isEqualTo(accounts);
    }

    @Test
    void concurrentSignupsForOneUsernameCreateExactlyOneAccount() throws Exception {
        String name = uniqueName("race");
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AuthApi.Response>> futures = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String email = name + "-" + i + "@example.com";
                // Same name in different spellings: they all collide on the normalised key.
                String spelling = i % 2 == 0 ? name : name.toUpperCase();
                futures.add(executor.submit(() -> {
                    start.await();
                    return api().signup(spelling, email, PASSWORD);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<AuthApi.Response> future : futures) {
                AuthApi.Response response = future.get(60, java.util.concurrent.TimeUnit.SECONDS);
                statuses.add(response.status());
                if (response.status() == 409) {
                    assertThat(response.json().get("code").asString()).isEqualTo("USERNAME_TAKEN");
                }
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from account where username_key = ?").param(name.toLowerCase())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentSignupsForOneEmailCreateExactlyOneAccount() throws Exception {
        String email = uniqueName("same") + "@example.com";
        int threads = 10;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AuthApi.Response>> futures = new ArrayList<>();
        try (var executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return api().signup(uniqueName("u"), email, PASSWORD);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<AuthApi.Response> future : futures) {
                statuses.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        }
    }

    static Stream<Arguments> invalidSignups() {
        String ok = "valid-user";
        String mail = "valid@example.com";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"username\": \"abc\", ", 400, null),
                Arguments.of("not an object", "[1,2,3]", 400, null),
                Arguments.of("empty body", "", 400, null),
                Arguments.of("JSON null", "null", 400, null),
                Arguments.of("username is an array", json(List.of("x"), mail, PASSWORD), 400, "username"),
                Arguments.of("username is a number", "{\"username\": 12345, \"email\": \"" + mail + "\", \"password\": \"" + PASSWORD + "\"}", 400, "username"),
                Arguments.of("password is an object", "{\"username\": \"" + ok + "\", \"email\": \"" + mail + "\", \"password\": {\"a\": 1}}", 400, "password"),
                Arguments.of("missing username", "{\"email\": \"" + mail + "\", \"password\": \"" + PASSWORD + "\"}", 400, "username"),
                Arguments.of("missing email", "{\"username\": \"" + ok + "\", \"password\": \"" + PASSWORD + "\"}", 400, "email"),
                Arguments.of("missing password", "{\"username\": \"" + ok + "\", \"email\": \"" + mail + "\"}", 400, "password"),
                Arguments.of("control character in username", json("ev\u0000il", mail, PASSWORD), 400, "username"),
                Arguments.of("newline in username", json("evil\nadmin", mail, PASSWORD), 400, "username"),
                Arguments.of("SQL injection in username", json("x' OR '1'='1'; DROP TABLE account; --", mail, PASSWORD), 400, "username"),
                Arguments.of("script in username", json("<script>alert(1)</script>", mail, PASSWORD), 400, "username"),
                Arguments.of("homoglyph username", json("раypal", mail, PASSWORD), 400, "username"),
                Arguments.of("too short username", json("ab", mail, PASSWORD), 400, "username"),
                Arguments.of("invalid email", json(ok, "not-an-email", PASSWORD), 400, "email"),
                Arguments.of("SQL injection in email", json(ok, "a@b.com' OR 1=1 --", PASSWORD), 400, "email"),
                Arguments.of("short password", json(ok, mail, "short-pass1"), 400, "password"),
                Arguments.of("too long password", json(ok, mail, "p".repeat(129)), 400, "password"),
                Arguments.of("common password", json(ok, mail, "qwerty123456"), 400, "password"),
                Arguments.of("common password in other case", json(ok, mail, "1Q2W3E4R5T6Y"), 400, "password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSignups")
    void invalidSignupIsAProblemNamingTheFieldAndStoresNothing(String what, String body, int status, String field) {
        long accounts = accountCount();

        AuthApi.Response response = api().postRaw("/api/auth/signup", body);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asString()).isIn("VALIDATION_FAILED", "MALFORMED_REQUEST");
        assertThat(problem.get("type").asString()).startsWith("https://stockradar.io/problems/");
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
        }
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.stockradar");
        assertThat(accountCount()).isEqualTo(accounts);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        AuthApi.Response response = api().postRaw("/api/auth/signup", json("a", "nope", "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("username", "email", "password");
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        long accounts = accountCount();
        String huge = json(uniqueName("big"), "big@example.com", "x".repeat(70 * 1024));

        AuthApi.Response sized = api().postRaw("/api/auth/signup", huge);
        AuthApi.Response chunked = api().send(HttpRequest.newBuilder(api().uri("/api/auth/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes()))));

        for (AuthApi.Response response : List.of(sized, chunked)) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        }
        assertThat(accountCount()).isEqualTo(accounts);
    }

    @Test
    void nonJsonContentTypeIsAProblem() {
        AuthApi.Response response = api().send(HttpRequest.newBuilder(api().uri("/api/auth/signup"))
                .header("Content-Type", "text/plain")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("username=a")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    static String json(Object username, String email, String password) {
        return AuthApi.JSON.writeValueAsString(Map.of("username", username, "email", email, "password", password));
    }

    static String toFullwidth(String ascii) {
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            out.append(c > 0x20 && c < 0x7f ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }
}
