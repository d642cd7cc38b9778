package io.stockradar.e2e;

import io.stockradar.e2e.Gateway.Response;
import io.stockradar.testsupport.Postgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The old app failed one of two simultaneous logins on SQLite locks. Here 500 simultaneous signups
 * (50 of them deliberate duplicates) and 2,000 simultaneous logins go through the gateway to
 * auth-service on real PostgreSQL: no 5xx, no duplicate user, every duplicate a clean 409.
 */
class AuthConcurrencyIntegrationTests {

    private static final String PASSWORD = "a perfectly long passphrase";
    private static final int IN_FLIGHT = 64;

    private static Gateway gateway;
    private static Postgres postgres;

    @BeforeAll
    static void stack() {
        gateway = new Gateway(SharedStack.get().gatewayUrl());
        postgres = SharedStack.get().postgres();
    }

    @Test
    void concurrentSignupsWithDuplicatesAndConcurrentLoginsNeverFail() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            usernames.add("load_" + run + "_" + i);
        }
        List<Callable<Response>> signups = new ArrayList<>();
        // Each simulated user comes from its own address, as real users do: the gateway's per-address
        // rate limit (10/s) and auth-service's per-address throttle apply per person, not to the test.
        for (int i = 0; i < usernames.size(); i++) {
            String username = usernames.get(i);
            Gateway client = gateway.asClientAt(Gateway.clientAddress(i));
            signups.add(() -> signup(client, username, username + "@example.com"));
        }
        for (int i = 0; i < 50; i++) {
            String taken = usernames.get(i);
            Gateway client = gateway.asClientAt(Gateway.clientAddress(usernames.size() + i));
            signups.add(() -> signup(client, taken, "dup-" + taken + "@example.com"));
        }
        java.util.Collections.shuffle(signups, new java.util.Random(42));

        List<Response> signupResponses = runConcurrently(signups);
        Map<Integer, Long> signupStatuses = countBy(signupResponses, Response::status);
        assertThat(signupStatuses).as("signup statuses; unexpected answers: %s", unexpected(signupResponses, 201, 409))
                .containsOnlyKeys(201, 409)
                .containsEntry(201, 450L).containsEntry(409, 50L);
        assertThat(signupResponses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> {
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.json().get("code").asString()).isEqualTo("USERNAME_TAKEN");
                });
        assertThat(storedAccounts("load_" + run + "_%")).as("one row per username").isEqualTo(450);

        List<Callable<Response>> logins = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String username = usernames.get(i % usernames.size());
            Gateway client = gateway.asClientAt(Gateway.clientAddress(i % usernames.size()));
            logins.add(() -> client.post("/api/auth/login", null, Map.of("username", username, "password", PASSWORD)));
        }
        List<Response> loginResponses = runConcurrently(logins);
        Map<Integer, Long> loginStatuses = countBy(loginResponses, Response::status);
        assertThat(loginStatuses).as("login statuses; unexpected answers: %s", unexpected(loginResponses, 200))
                .containsOnlyKeys(200).containsEntry(200, 2000L);
        assertThat(loginResponses).allSatisfy(r -> assertThat(r.json().get("accessToken").asString()).isNotBlank());
    }

    private static List<String> unexpected(List<Response> responses, Integer... expected) {
        List<Integer> ok = List.of(expected);
        return responses.stream().filter(r -> !ok.contains(r.status())).map(Response::toString).distinct().limit(5).toList();
    }

    private static Response signup(Gateway client, String username, String email) {
        return client.post("/api/auth/signup", null, Map.of("username", username, "email", email, "password", PASSWORD));
    }

    private static List<Response> runConcurrently(List<Callable<Response>> calls) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(executor.submit(() -> {
                    inFlight.acquire();
                    try {
                        return call.call();
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    private static <K> Map<K, Long> countBy(List<Response> responses, Function<Response, K> key) {
        return responses.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static int storedAccounts(String usernamePattern) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("auth"), postgres.username(), postgres.password());
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM account WHERE username LIKE ?")) {
            statement.setString(1, usernamePattern);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
