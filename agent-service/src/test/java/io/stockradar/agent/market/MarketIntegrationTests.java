package io.stockradar.agent.market;

import io.stockradar.agent.IntegrationTestSupport;
import io.stockradar.agent.marketdata.MarketDataService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MarketIntegrationTests extends IntegrationTestSupport {

    @Autowired
    MarketDataService marketData;

    @Autowired
    List<SecurityFilterChain> securityFilterChains;

    @Test
    void regimeOfKoreaHasEveryFieldOfTheContract() {
        ResponseEntity<JsonNode> response = get("/api/market/regime?market=KR", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.get("market").asString()).isEqualTo("KR");
        assertThat(body.get("regime").asString()).isIn("BULL", "NEUTRAL", "BEAR");
        assertThat(body.get("volatility").asString()).isIn("LOW", "NORMAL", "HIGH");
        assertThat(body.get("riskAppetite").asDouble()).isBetween(0.0, 100.0);
        assertThat(body.get("asOf").asString()).isEqualTo("2025-06-16");
        assertThat(body.get("source").asString()).isEqualTo("demo");
        assertThat(body.get("evidence").size()).isPositive();
        for (JsonNode signal : body.get("evidence").values()) {
            assertThat(signal.get("code").asString()).isNotBlank();
            assertThat(signal.get("text").get("ko").asString()).isNotBlank();
            assertThat(signal.get("text").get("en").asString()).isNotBlank();
        }
        assertThat(response.getHeaders().getFirst("X-Served-By")).startsWith("agent-service:");
    }

    @Test
    void regimeOfTheUsUsesItsOwnCalendarAndVix() {
        ResponseEntity<JsonNode> response = get("/api/market/regime?market=US", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("market").asString()).isEqualTo("US");
        assertThat(response.getBody().get("asOf").asString()).isEqualTo("2026-02-25");
        assertThat(response.getBody().get("regime").asString()).isIn("BULL", "NEUTRAL", "BEAR");

        ResponseEntity<JsonNode> sectors = get("/api/market/sectors?market=US", "alice");
        assertThat(sectors.getStatusCode()).isEqualTo(HttpStatus.OK);
        int members = 0;
        for (JsonNode sector : sectors.getBody().get("sectors").values()) {
            members += sector.get("members").asInt();
        }
        assertThat(members).isEqualTo(15);
    }

    @Test
    void sectorsAreRankedOverTheMarketsUniverses() {
        ResponseEntity<JsonNode> response = get("/api/market/sectors?market=kr", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = response.getBody();
        assertThat(body.get("market").asString()).isEqualTo("KR");
        assertThat(body.get("asOf").asString()).isEqualTo("2025-06-16");
        JsonNode sectors = body.get("sectors");
        assertThat(sectors.size()).isGreaterThan(3);
        int members = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < sectors.size(); i++) {
            JsonNode sector = sectors.get(i);
            assertThat(sector.get("rank").asInt()).isEqualTo(i + 1);
            assertThat(names.add(sector.get("sector").asString())).isTrue();
            for (String field : new String[] {"return1m", "return3m", "return6m", "relativeStrength", "acceleration"}) {
                assertThat(sector.has(field)).as(field).isTrue();
            }
            members += sector.get("members").asInt();
        }
        // the recorded slice: 20 KOSPI 200 + 10 KOSDAQ 150 members, all with a sector
        assertThat(members).isEqualTo(30);
    }

    @Test
    void unknownMarketIsA400NamingTheField() {
        ResponseEntity<JsonNode> response = get("/api/market/regime?market=JP", "alice");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.getBody().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.getBody().get("errors").get(0).get("field").asString()).isEqualTo("market");
    }

    @Test
    void missingMarketParameterIsA400() {
        assertThat(get("/api/market/sectors", "alice").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void requiresAValidToken() {
        ResponseEntity<JsonNode> anonymous = get("/api/market/regime?market=KR", null);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();

        String foreignIssuer = JWTS.token("alice", "http://evil.test", "stockradar-api");
        String wrongAudience = JWTS.token("alice", "http://issuer.test", "another-api");
        for (String token : new String[] {foreignIssuer, wrongAudience}) {
            ResponseEntity<JsonNode> response = api().get().uri("/api/market/regime?market=KR")
                    .headers(h -> h.setBearerAuth(token)).retrieve().toEntity(JsonNode.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void survivesADeadMarketDataInstance() {
        // instance [1] is down: the load balancer alternates between the two, the client retries on the other one.
        // each load makes 4 calls (2 universes, bars, fundamentals), so both instances are hit every time
        for (int i = 0; i < 3; i++) {
            marketData.evictAll();
            MARKET_DATA.resetCalls();
            assertThat(get("/api/market/regime?market=KR", "alice").getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(MARKET_DATA.calls("/internal/bars")).isEqualTo(1);
        }
    }

    @Test
    void marketDataCallsCarryTheServiceTokenFetchedOnce() {
        marketData.evictAll();
        MARKET_DATA.resetCalls();

        assertThat(get("/api/market/regime?market=KR", "alice").getStatusCode()).isEqualTo(HttpStatus.OK);

        // the stub answers /internal/** only with a token its token endpoint issued; the token is cached,
        // so reloading the market fetched none (or one, if the cached one neared expiry: never in a test run)
        assertThat(MARKET_DATA.bearersSeen()).isNotEmpty().doesNotContainNull();
        assertThat(MARKET_DATA.bearersSeen()).containsOnly(MARKET_DATA.bearersSeen().getFirst());
        assertThat(MARKET_DATA.tokensIssued()).isLessThanOrEqualTo(1);
    }

    @Test
    void theOAuth2ClientAddsNoLoginToTheResourceServer() {
        assertThat(securityFilterChains).hasSize(1);
        assertThat(securityFilterChains.getFirst().getFilters())
                .noneMatch(filter -> filter instanceof OAuth2AuthorizationRequestRedirectFilter)
                .noneMatch(filter -> filter instanceof OAuth2LoginAuthenticationFilter)
                .anyMatch(filter -> filter instanceof BearerTokenAuthenticationFilter);
        // no login redirect: the would-be authorization endpoint is just an unauthenticated request
        ResponseEntity<JsonNode> login = get("/oauth2/authorization/market-data", null);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(login.getHeaders().getLocation()).isNull();
    }

    @Test
    void marketDataDownIsA503Problem() {
        marketData.evictAll();
        MARKET_DATA.failNext(Integer.MAX_VALUE); // retried until the fetch deadline (8 s here), then 503
        try {
            ResponseEntity<JsonNode> response = get("/api/market/regime?market=KR", "alice");
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(response.getBody().get("code").asString()).isEqualTo("UNAVAILABLE");
        } finally {
            MARKET_DATA.failNext(0);
        }
    }

    @Test
    void healthProbesAndOpenApiArePublic() {
        assertThat(get("/actuator/health/liveness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/actuator/health/readiness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> prometheus = api().get().uri("/actuator/prometheus").retrieve().toEntity(String.class);
        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody()).contains("stockradar_outbox_pending");
        ResponseEntity<JsonNode> openApi = get("/v3/api-docs", null);
        assertThat(openApi.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(openApi.getBody().get("paths").has("/api/screener/runs")).isTrue();
    }
}
