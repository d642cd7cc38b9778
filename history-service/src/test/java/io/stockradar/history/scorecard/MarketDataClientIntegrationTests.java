package io.stockradar.history.scorecard;

import io.stockradar.history.HistoryIntegrationTestSupport;
import io.stockradar.history.TestMarketData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorecard's calls to market-data-service's {@code /internal/bars} carry a client-credentials service
 * token from the token endpoint (both served by {@link TestMarketData}, which refuses any call without a
 * token it issued): fetched once, reused until close to expiry, replaced when market-data refuses it.
 */
class MarketDataClientIntegrationTests extends HistoryIntegrationTestSupport {

    private static final List<String> SYMBOLS = List.of("005930.KS", "^KS11");

    @Autowired
    private MarketDataClient marketData;

    @Autowired
    private OAuth2AuthorizedClientService authorizedClients;

    @BeforeEach
    void forgetTheCachedToken() {
        authorizedClients.removeAuthorizedClient(MarketDataAuthorization.REGISTRATION_ID, "history-service");
        TestMarketData.issueTokensValidFor(300);
    }

    @AfterEach
    void restoreTokenLifetime() {
        TestMarketData.issueTokensValidFor(300);
    }

    @Test
    void theStubRefusesInternalCallsWithoutAServiceToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestMarketData.baseUrl() + "/internal/bars"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbols\":[\"005930.KS\"],\"days\":100}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void fetchesOneServiceTokenAndReusesItForLaterCalls() {
        int tokens = TestMarketData.tokenRequests();
        int refused = TestMarketData.refusedRequests();

        MarketDataClient.BarsResponse first = marketData.bars(SYMBOLS, 100);
        MarketDataClient.BarsResponse second = marketData.bars(SYMBOLS, 100);

        assertThat(first.series()).containsKeys("005930.KS", "^KS11");
        assertThat(second.series()).containsKeys("005930.KS", "^KS11");
        assertThat(TestMarketData.tokenRequests() - tokens).isEqualTo(1);
        assertThat(TestMarketData.refusedRequests() - refused).isZero();
    }

    @Test
    void replacesATokenThatIsAboutToExpireBeforeUsingIt() {
        // expires_in 30 s is inside the 60 s refresh skew: every call must fetch a fresh token
        TestMarketData.issueTokensValidFor(30);
        int tokens = TestMarketData.tokenRequests();

        marketData.bars(SYMBOLS, 100);
        marketData.bars(SYMBOLS, 100);

        assertThat(TestMarketData.tokenRequests() - tokens).isEqualTo(2);
    }

    @Test
    void fetchesANewTokenAndRetriesWhenMarketDataRefusesTheCachedOne() {
        marketData.bars(SYMBOLS, 100);
        int tokens = TestMarketData.tokenRequests();
        int refused = TestMarketData.refusedRequests();
        TestMarketData.revokeIssuedTokens();

        MarketDataClient.BarsResponse response = marketData.bars(SYMBOLS, 100);

        assertThat(response.series()).containsKeys("005930.KS", "^KS11");
        assertThat(TestMarketData.refusedRequests() - refused).isEqualTo(1);
        assertThat(TestMarketData.tokenRequests() - tokens).isEqualTo(1);
        // and the new token is kept for the next call
        marketData.bars(SYMBOLS, 100);
        assertThat(TestMarketData.tokenRequests() - tokens).isEqualTo(1);
    }
}
