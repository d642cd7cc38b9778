package io.stockradar.agent.marketdata;

import io.stockradar.agent.MarketDataStub;
import io.stockradar.common.problem.ApiProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client's retry policy against the recorded-data stub (load balancing itself: MarketIntegrationTests). */
class MarketDataClientTest {

    private final MarketDataStub stub = new MarketDataStub();
    private final MarketDataClient client = new MarketDataClient(RestClient.builder().baseUrl(stub.url()),
            new MarketDataProperties(URI.create(stub.url()), Duration.ofSeconds(1), Duration.ofSeconds(5), 2, 400,
                    Duration.ofMinutes(5)));

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

    @Test
    void retriesAServerErrorOnce() {
        stub.failNext(1);

        MarketDataApi.UniverseResponse universe = client.universe("KOSDAQ150");

        assertThat(universe.members()).hasSize(10);
        assertThat(stub.calls("/internal/universes/KOSDAQ150")).isEqualTo(2);
    }

    @Test
    void givesUpWith503AfterMaxAttempts() {
        stub.failNext(5);

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> client.fundamentals(List.of("005930.KS")));

        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(stub.calls("/internal/fundamentals")).isEqualTo(2);
    }

    @Test
    void unknownUniverseIsNullAndNotRetried() {
        assertThat(client.universe("NIKKEI225")).isNull();
        assertThat(stub.calls("/internal/universes/NIKKEI225")).isEqualTo(1);
    }
}
