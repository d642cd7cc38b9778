package io.stockradar.agent.marketdata;

import io.micrometer.observation.ObservationRegistry;
import io.stockradar.agent.MarketDataStub;
import io.stockradar.common.problem.ApiProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client's retry policy and its service token against the recorded-data stub, which refuses
 * {@code /internal/**} calls without a token it issued (load balancing itself: MarketIntegrationTests).
 */
class MarketDataClientTest {

    private final MarketDataStub stub = new MarketDataStub();
    private final MarketDataClient client = client(MarketDataStub.CLIENT_SECRET, Duration.ofSeconds(60));

    @AfterEach
    void stop() throws Exception {
        stub.close();
    }

    @Test
    void readsColumnarBarsAndListsUnknownSymbols() {
        MarketDataApi.BarsResponse bars = client.bars(List.of("005930.KS", "^KS11", "NOPE.KS"), 250);

        assertThat(bars.source()).isEqualTo("demo");
        assertThat(bars.asOf()).containsEntry("KR", LocalDate.of(2025, 6, 16));
        assertThat(bars.series()).containsOnlyKeys("005930.KS", "^KS11");
        assertThat(bars.series().get("^KS11").dates()).hasSize(250).last().isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(bars.series().get("005930.KS").close()).hasSize(250);
        assertThat(bars.missing()).containsExactly("NOPE.KS");
    }

    /** MarketDataService over this client: a member the market context has no bars for is not fetched again. */
    @Test
    void aCustomListNamingAMemberWithoutDataReusesTheContextWithoutAFetch() {
        stub.withoutBars("000660.KS");
        MarketDataService service = new MarketDataService(client, properties());
        MarketContext context = service.context(Market.KR);
        assertThat(context.missing()).contains("000660.KS");
        stub.resetCalls();

        MarketContext custom = service.withSymbols(context, List.of("005930.KS", "000660.KS"));

        assertThat(custom).as("the same context: the engine's per-input memo applies").isSameAs(context);
        assertThat(stub.calls("/internal/bars")).isZero();
        assertThat(stub.calls("/internal/fundamentals")).isZero();
    }

    @Test
    void retriesAServerErrorOnce() {
        stub.failNext(1);

        MarketDataApi.UniverseResponse universe = client.universe("KOSDAQ150");

        assertThat(universe.members()).hasSize(10);
        assertThat(stub.calls("/internal/universes/KOSDAQ150")).isEqualTo(2);
    }

    @Test
    void givesUpWith503NamingTheFetchAtTheDeadline() {
        stub.failNext(Integer.MAX_VALUE);

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> client.fundamentals(List.of("005930.KS"), null));

        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(problem.getBody().getDetail()).contains("fundamentals of 1 symbols (POST /internal/fundamentals)")
                .contains("503");
        // backoff 0.2 s, 0.4 s, ... within the 1 s deadline: a few attempts, not one
        assertThat(stub.calls("/internal/fundamentals")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aClientErrorIsNotRetried() {
        stub.fault("/internal/bars", MarketDataStub.Fault.BAD_REQUEST);

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> client.bars(List.of("005930.KS"), 10));

        assertThat(stub.calls("/internal/bars")).isEqualTo(1);
        assertThat(problem.getBody().getDetail()).contains("bars of 1 symbols").contains("400");
    }

    @Test
    void unknownUniverseIsNullAndNotRetried() {
        assertThat(client.universe("NIKKEI225")).isNull();
        assertThat(stub.calls("/internal/universes/NIKKEI225")).isEqualTo(1);
    }

    @Test
    void sendsOneServiceTokenAndReusesItUntilNearItsExpiry() {
        client.universe("KOSPI200");
        client.bars(List.of("005930.KS"), 10);
        client.fundamentals(List.of("005930.KS"), null);

        assertThat(stub.tokensIssued()).isEqualTo(1);
        assertThat(stub.bearersSeen()).hasSize(3).doesNotContainNull().containsOnly(stub.bearersSeen().getFirst());
    }

    @Test
    void replacesATokenThatIsWithinTheRefreshMarginOfItsExpiry() {
        // 30 s left is inside the 60 s margin: the cached token is never sent again
        stub.tokenLifetime(Duration.ofSeconds(30));

        client.universe("KOSPI200");
        client.universe("KOSPI200");

        assertThat(stub.tokensIssued()).isEqualTo(2);
        assertThat(stub.bearersSeen()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheCallRepeated() {
        client.universe("KOSPI200");
        stub.revokeTokens(); // e.g. auth-service rotated its key: market-data now answers 401

        MarketDataApi.UniverseResponse universe = client.universe("KOSPI200");

        assertThat(universe.members()).hasSize(20);
        assertThat(stub.tokensIssued()).isEqualTo(2);
        assertThat(stub.calls("/internal/universes/KOSPI200")).isEqualTo(3);
        List<String> bearers = stub.bearersSeen();
        assertThat(bearers.get(1)).isEqualTo(bearers.get(0));
        assertThat(bearers.get(2)).isNotEqualTo(bearers.get(1));
    }

    @Test
    void aTokenRefusedAgainAfterTheRefetchIsA503NotALoop() {
        stub.tokenLifetime(Duration.ZERO); // every token issued is already expired for market-data

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> client.universe("KOSPI200"));

        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(stub.calls("/internal/universes/KOSPI200")).isEqualTo(2);
        assertThat(stub.tokensIssued()).isEqualTo(2);
    }

    @Test
    void wrongClientCredentialsNeverReachMarketData() {
        MarketDataClient misconfigured = client("not-the-secret", Duration.ofSeconds(60));

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> misconfigured.universe("KOSPI200"));

        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(stub.tokensIssued()).isZero();
        // no token: auth-service may be unreachable, so it is asked again until the deadline
        assertThat(stub.calls(MarketDataStub.TOKEN_PATH)).isGreaterThanOrEqualTo(2);
        assertThat(stub.calls("/internal/universes/KOSPI200")).isZero();
    }

    @Test
    void theStubRefusesACallWithoutAServiceToken() {
        MarketDataClient withoutToken = new MarketDataClient(RestClient.builder().baseUrl(stub.url()), properties());

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> withoutToken.universe("KOSPI200"));

        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(stub.bearersSeen()).containsOnlyNulls();
    }

    private MarketDataClient client(String secret, Duration refreshBeforeExpiry) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(ServiceTokenProperties.REGISTRATION_ID)
                .clientId(MarketDataStub.CLIENT_ID)
                .clientSecret(secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("market:read")
                .tokenUri(stub.url() + MarketDataStub.TOKEN_PATH)
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        InMemoryOAuth2AuthorizedClientService authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);
        OAuth2AuthorizedClientManager manager = MarketDataClientConfig.authorizedClientManager(registrations, authorizedClients,
                new ServiceTokenProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), refreshBeforeExpiry),
                ObservationRegistry.NOOP);
        return new MarketDataClient(RestClient.builder().baseUrl(stub.url())
                .requestInterceptor(MarketDataClientConfig.serviceTokenInterceptor(manager, authorizedClients)), properties());
    }

    private MarketDataProperties properties() {
        return new MarketDataProperties(URI.create(stub.url()), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1), 400,
                Duration.ofMinutes(5));
    }
}
