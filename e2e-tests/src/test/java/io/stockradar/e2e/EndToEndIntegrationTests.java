package io.stockradar.e2e;

import io.stockradar.e2e.Gateway.Response;
import io.stockradar.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system, started from the packaged jars exactly as {@code ./stack.sh} starts it (embedded
 * PostgreSQL/Redis/Kafka, two instances of market-data-service and agent-service), used only through the
 * gateway: sign up, log in, read the KR regime, run a screener, find the same run in history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIntegrationTests {

    private static LocalStack stack;
    private static Gateway gateway;
    private static String token;
    private static String otherUserToken;
    private static final AtomicReference<JsonNode> completedRun = new AtomicReference<>();

    @BeforeAll
    static void startStack() {
        stack = SharedStack.get();
        gateway = new Gateway(stack.gatewayUrl());
        assertThat(stack.instancesOf("market-data-service")).hasSize(2);
        assertThat(stack.instancesOf("agent-service")).hasSize(2);
    }

    @Test
    @Order(1)
    void signsUpAndLogsInThroughTheGateway() {
        String username = "investor_" + UUID.randomUUID().toString().substring(0, 8);
        Response signup = gateway.post("/api/auth/signup", null,
                Map.of("username", username, "email", username + "@example.com", "password", "correct horse battery staple"));
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        assertThat(signup.json().get("username").asString()).isEqualTo(username);
        assertThat(signup.json().get("id").asString()).isNotBlank();

        Response login = gateway.post("/api/auth/login", null,
                Map.of("username", username, "password", "correct horse battery staple"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("refreshToken").asString()).isNotBlank();
        token = login.json().get("accessToken").asString();
        assertThat(token.split("\\.")).hasSize(3);

        Response me = gateway.get("/api/auth/me", token);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo(username);

        Response duplicate = gateway.post("/api/auth/signup", null,
                Map.of("username", username, "email", "other-" + username + "@example.com", "password", "correct horse battery staple"));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");

        otherUserToken = signUpAndLogIn("other_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    @Order(2)
    void rejectsMissingAndTamperedTokens() {
        Response anonymous = gateway.get("/api/history", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.json().get("status").asInt()).isEqualTo(401);

        Response tampered = gateway.get("/api/history", tamper(token));
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.contentType()).startsWith("application/problem+json");

        Response internal = gateway.get("/internal/universes/KOSPI200", token);
        assertThat(internal.status()).as("gateway must never route /internal/**").isEqualTo(404);
    }

    @Test
    @Order(2)
    void theGatewaysActuatorIsOnItsManagementPortOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
            Response publicPort = gateway.get(path, null);
            assertThat(publicPort.status()).as(path + " on the public port: " + publicPort).isEqualTo(404);
            assertThat(publicPort.contentType()).startsWith("application/problem+json");
        }
        String managementUrl = stack.instancesOf("gateway").getFirst().managementUrl();
        assertThat(managementUrl).isNotEqualTo(stack.gatewayUrl());
        Gateway management = new Gateway(managementUrl);
        Response readiness = management.get("/actuator/health/readiness", null);
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        // as Prometheus asks (Gateway's client asks for JSON, which the scrape endpoint does not speak: 406)
        java.net.http.HttpResponse<String> scrape = scrape(managementUrl + "/actuator/prometheus");
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(scrape.body()).contains("http_server_requests_seconds");
    }

    private static java.net.http.HttpResponse<String> scrape(String url) {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .header("Accept", "text/plain;version=0.0.4").timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void marketDataInternalApiRefusesUserTokensEvenPastTheGateway() {
        // Inside the network /internal/** is reachable, so it needs a service token (aud stockradar-internal,
        // scope market:read): a user's token or none at all is refused. The screener test below proves the
        // agents' own service tokens are accepted.
        Gateway marketData = new Gateway(stack.instancesOf("market-data-service").getFirst().url());
        Response anonymous = marketData.get("/internal/universes/KOSPI200", null);
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        Response userToken = marketData.get("/internal/universes/KOSPI200", token);
        assertThat(userToken.status()).as(userToken.toString()).isEqualTo(401);
        assertThat(userToken.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(3)
    void readsTheKoreanMarketRegimeFromBothAgentInstances() {
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            Response regime = gateway.get("/api/market/regime?market=KR", token);
            assertThat(regime.status()).as(regime.toString()).isEqualTo(200);
            JsonNode body = regime.json();
            assertThat(body.get("market").asString()).isEqualTo("KR");
            assertThat(body.get("regime").asString()).isIn("BULL", "NEUTRAL", "BEAR");
            assertThat(body.get("volatility").asString()).isIn("LOW", "NORMAL", "HIGH");
            assertThat(body.get("riskAppetite").asDouble()).isBetween(0.0, 100.0);
            assertThat(body.get("source").asString()).isEqualTo("demo");
            assertThat(body.get("asOf").asString()).isEqualTo("2025-06-16");
            assertThat(body.get("evidence").size()).isPositive();
            servedBy.add(regime.servedBy());
        }
        assertThat(servedBy).as("both agent-service instances answer through the gateway")
                .hasSize(2).allMatch(id -> id != null && id.startsWith("agent-service"));
    }

    @Test
    @Order(4)
    void servesRealDemoQuotesFromBothMarketDataInstances() {
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            Response quote = gateway.get("/api/market/quote/005930.KS", token);
            assertThat(quote.status()).as(quote.toString()).isEqualTo(200);
            assertThat(quote.json().get("symbol").asString()).isEqualTo("005930.KS");
            assertThat(quote.json().get("price").asDouble()).isPositive();
            assertThat(quote.json().get("currency").asString()).isEqualTo("KRW");
            assertThat(quote.json().get("source").asString()).isEqualTo("demo");
            servedBy.add(quote.servedBy());
        }
        assertThat(servedBy).as("both market-data-service instances answer through the gateway")
                .hasSize(2).allMatch(id -> id != null && id.startsWith("market-data-service"));

        Response unknown = gateway.get("/api/market/quote/999999.KS", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(5)
    void runsAScreenerToCompletion() {
        Response accepted = gateway.post("/api/screener/runs", token, Map.of("universe", "KOSPI200", "limit", 10));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String runId = accepted.json().get("runId").asString();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Response run = gateway.get("/api/screener/runs/" + runId, token);
            assertThat(run.status()).as(run.toString()).isEqualTo(200);
            assertThat(run.json().get("status").asString()).as(run.toString()).isIn("QUEUED", "RUNNING", "COMPLETED");
            assertThat(run.json().get("status").asString()).isEqualTo("COMPLETED");
            completedRun.set(run.json());
        });

        JsonNode run = completedRun.get();
        JsonNode results = run.get("results");
        assertThat(results.size()).isEqualTo(10);
        double previous = Double.MAX_VALUE;
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(result.get("symbol").asString()).matches("[0-9A-Z]{6}\\.K[SQ]");
            assertThat(result.get("grade").asString()).isIn("A", "B", "C", "D", "F");
            double composite = result.get("composite").asDouble();
            assertThat(composite).isBetween(0.0, 100.0).isLessThanOrEqualTo(previous);
            previous = composite;
        }

        Response foreign = gateway.get("/api/screener/runs/" + runId, otherUserToken);
        assertThat(foreign.status()).as("another user's run is invisible").isEqualTo(404);
    }

    @Test
    @Order(6)
    void findsTheSameRunWithTheSameResultsInHistory() {
        JsonNode run = completedRun.get();
        assertThat(run).as("the screener run completed").isNotNull();
        String runId = run.get("runId").asString();

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response history = gateway.get("/api/history", token);
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            List<String> runIds = new ArrayList<>();
            history.json().get("items").forEach(item -> runIds.add(item.get("runId").asString()));
            assertThat(runIds).contains(runId);
        });

        Response stored = gateway.get("/api/history/runs/" + runId, token);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        JsonNode storedResults = stored.json().get("results");
        JsonNode results = run.get("results");
        assertThat(storedResults.size()).isEqualTo(results.size());
        for (int i = 0; i < results.size(); i++) {
            assertThat(storedResults.get(i).get("rank").asInt()).isEqualTo(results.get(i).get("rank").asInt());
            assertThat(storedResults.get(i).get("symbol").asString()).isEqualTo(results.get(i).get("symbol").asString());
            assertThat(storedResults.get(i).get("grade").asString()).isEqualTo(results.get(i).get("grade").asString());
            assertThat(storedResults.get(i).get("composite").asDouble())
                    .isEqualTo(results.get(i).get("composite").asDouble());
        }

        Response otherHistory = gateway.get("/api/history", otherUserToken);
        assertThat(otherHistory.status()).isEqualTo(200);
        assertThat(otherHistory.json().get("items").size()).as("the other user has no history").isZero();
        assertThat(gateway.get("/api/history/runs/" + runId, otherUserToken).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void aPersonalReadOnlyApiKeyActsAsItsOwnerForReadsOnly() {
        Response created = gateway.post("/api/auth/api-keys", token,
                Map.of("name", "spreadsheet", "scope", "read", "currentPassword", "correct horse battery staple"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(gateway.get("/api/auth/api-keys", token).body()).doesNotContain(key);

        Response history = gateway.getWithApiKey("/api/history", key);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.json().get("items").get(0).get("runId").asString())
                .isEqualTo(completedRun.get().get("runId").asString());

        Response write = gateway.postWithApiKey("/api/screener/runs", key, Map.of("universe", "KOSPI200"));
        assertThat(write.status()).as("a read-only key cannot start runs").isEqualTo(403);
        assertThat(gateway.getWithApiKey("/api/history", "sr_unknown0_" + "A".repeat(43)).status()).isEqualTo(401);
    }

    private static String signUpAndLogIn(String username) {
        Response signup = gateway.post("/api/auth/signup", null,
                Map.of("username", username, "email", username + "@example.com", "password", "another long passphrase"));
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        Response login = gateway.post("/api/auth/login", null, Map.of("username", username, "password", "another long passphrase"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.json().get("accessToken").asString();
    }

    /** Changes the payload's subject claim but keeps the original signature. */
    private static String tamper(String jwt) {
        String[] parts = jwt.split("\\.");
        Base64.Decoder decoder = Base64.getUrlDecoder();
        String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        assertThat(forged).isNotEqualTo(payload);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }
}
