package io.stockradar.marketdata.yahoo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stockradar.common.problem.ApiProblem;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.UpstreamStub;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.stockradar.marketdata.upstream.Recordings.yahoo;
import static io.stockradar.marketdata.upstream.Recordings.yahooBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Yahoo client against a local stub replaying real recorded Yahoo responses (upstream/SOURCES.md). */
class YahooClientTest {

    private final UpstreamStub stub = new UpstreamStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    static YahooProperties properties(String baseUrl, int maxConcurrent, Duration deadline) {
        return new YahooProperties(URI.create(baseUrl), URI.create(baseUrl + "/fc"), "Mozilla/5.0 (test)",
                Duration.ofSeconds(1), Duration.ofSeconds(2), deadline, maxConcurrent, "10y", 50,
                new YahooProperties.Retry(Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 0.5, 4),
                new YahooProperties.CircuitBreaker(4, 4, 50, Duration.ofSeconds(5), 80, Duration.ofSeconds(30), 1));
    }

    private YahooClient client() {
        return client(2, Duration.ofSeconds(2));
    }

    private YahooClient client(int maxConcurrent, Duration deadline) {
        return YahooProviderConfiguration.client(properties(stub.baseUrl(), maxConcurrent, deadline),
                JsonMapper.builder().build(), Clock.systemUTC());
    }

    /** fc.yahoo.com answered by the real copyConsent recording (its Set-Cookie: A3, A1, GUC...), then getcrumb. */
    private void session() {
        stub.on("/fc", new MockResponse().setResponseCode(404)
                .setHeaders(yahoo("getCrumb-quote-AAPL-copyConsent.json").getHeaders().newBuilder()
                        .removeAll("Location").build()));
        stub.on("/v1/test/getcrumb", yahoo("getCrumb-getcrumb.json"));
    }

    @Test
    void dailyChartHasEveryBarInTheExchangeZoneWithAdjustedCloseSplitsAndDividends() {
        stub.on("/v8/finance/chart/AAPL", yahoo("chart-AAPL-2020-08-31-to-2020-11-07.json"));

        YahooChart chart = client().chart("AAPL", "3mo", "1d").orElseThrow();

        assertThat(chart.currency()).isEqualTo("USD");
        assertThat(chart.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(chart.bars()).hasSize(49);
        YahooChart.Bar first = chart.bars().getFirst();
        assertThat(first.date()).isEqualTo(LocalDate.of(2020, 8, 31));
        assertThat(first.open()).isEqualTo(127.58000183105469);
        assertThat(first.close()).isEqualTo(129.0399932861328);
        assertThat(first.adjClose()).isEqualTo(125.82673645019531); // dividend-adjusted, unlike close
        assertThat(first.volume()).isEqualTo(225702700L);
        assertThat(chart.bars().getLast().date()).isEqualTo(LocalDate.of(2020, 11, 6));
        assertThat(chart.splits()).containsExactly(new YahooChart.Split(LocalDate.of(2020, 8, 31), 4, 1));
        assertThat(chart.dividends()).containsExactly(new YahooChart.Dividend(LocalDate.of(2020, 11, 6), 0.205));

        RecordedRequest request = stub.requests("/v8/finance/chart/").getFirst();
        assertThat(request.getRequestUrl().queryParameter("range")).isEqualTo("3mo");
        assertThat(request.getRequestUrl().queryParameter("interval")).isEqualTo("1d");
        assertThat(request.getRequestUrl().queryParameter("events")).isEqualTo("div|split");
        assertThat(request.getRequestUrl().queryParameter("includeAdjustedClose")).isEqualTo("true");
        assertThat(request.getHeader("User-Agent")).isEqualTo("Mozilla/5.0 (test)");
        assertThat(request.getHeader("Cookie")).as("chart needs no session").isNull();
    }

    @Test
    void weeklyChartAsksForTheWeeklyInterval() {
        // No weekly recording exists; the shape is the same, the test is about the request.
        stub.on("/v8/finance/chart/AAPL", yahoo("chart-AAPL-2020-08-31-to-2020-11-07.json"));

        client().chart("AAPL", "1y", "1wk").orElseThrow();

        assertThat(stub.requests("/v8/finance/chart/").getFirst().getRequestUrl().queryParameter("interval"))
                .isEqualTo("1wk");
    }

    @Test
    void nullBarsAreDropped() {
        // 370 timestamps, 4 of them (2020-04-17, 10-09, 10-12, 10-13) null in every column
        stub.on("/v8/finance/chart/BTC-USD", yahoo("historicalv8-BTC-USD-2020-01-01-to-2021-01-04.json"));

        YahooChart chart = client().chart("BTC-USD", "1y", "1d").orElseThrow();

        assertThat(chart.bars()).hasSize(366);
        assertThat(chart.bars()).extracting(YahooChart.Bar::date)
                .doesNotContain(LocalDate.of(2020, 4, 17), LocalDate.of(2020, 10, 9), LocalDate.of(2020, 10, 13));
        assertThat(chart.toSeries("BTC-USD", io.stockradar.marketdata.provider.Market.US).size()).isEqualTo(366);
    }

    @Test
    void chartWithoutTimestampsIsAnEmptyResultNotAnError() {
        stub.on("/v8/finance/chart/AAPL", yahoo("chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json"));
        assertThat(client().chart("AAPL", "1d", "1m").orElseThrow().bars()).isEmpty();

        stub.on("/v8/finance/chart/AAPL", yahooBody("aapl_chart_no_results.json"));
        assertThat(client().chart("AAPL", "5d", "1h").orElseThrow().bars()).isEmpty();
    }

    @Test
    void notFoundSymbolMayBeDelistedIsAnEmptyResult() {
        stub.on("/v8/finance/chart/MDLY", yahoo("historicalv8-MDLY-2020-01-01-to-2021-01-04.json"));
        stub.on("/v8/finance/chart/SI", yahoo("historical-via-chart-SI-2020-01-01-to-2020-01-03.json"));

        YahooClient client = client();
        assertThat(client.chart("MDLY", "1y", "1d")).isEmpty();
        assertThat(client.chart("SI", "1y", "1d")).isEmpty();
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void badRequestIsAClearUpstreamRejectedProblem() {
        stub.on("/v8/finance/chart/BEKE", yahoo("chart-BEKE-2020-01-01-to-2020-01-03.json"));

        assertThatThrownBy(() -> client().chart("BEKE", "1y", "1d"))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).getStatusCode().value()).isEqualTo(502))
                .hasMessageContaining("Data doesn't exist for startDate = 1577836800, endDate = 1578009600");
        assertThat(stub.count("/v8/finance/chart/BEKE")).as("a 400 is not retried").isEqualTo(1);
    }

    @Test
    void koreanSymbolsAndIndicesAreUrlEncodedInThePath() {
        stub.on("/v8/finance/chart/", yahoo("chart-AAPL-2020-01-01-to-2020-01-03.json"));

        YahooClient client = client();
        client.chart("^KS11", "1y", "1d");
        client.chart("005930.KS", "1y", "1d");
        client.chart("035720.KQ", "1y", "1d");

        assertThat(stub.requests("/v8/finance/chart/")).extracting(r -> r.getPath().substring(0, r.getPath().indexOf('?')))
                .containsExactly("/v8/finance/chart/%5EKS11", "/v8/finance/chart/005930.KS",
                        "/v8/finance/chart/035720.KQ");
    }

    @Test
    void quotesAreBatchedWithTheCookieAndCrumbOfOneHandshake() {
        session();
        stub.on("/v7/finance/quote", yahoo("quote-AAPL-BABA.json"));

        YahooClient client = client();
        Map<String, YahooQuote> quotes = client.quotes(List.of("AAPL", "BABA"));
        client.quotes(List.of("AAPL", "BABA"));

        assertThat(quotes).containsOnlyKeys("AAPL", "BABA");
        YahooQuote aapl = quotes.get("AAPL");
        assertThat(aapl.price()).isEqualTo(244.6);
        assertThat(aapl.previousClose()).isEqualTo(241.53);
        assertThat(aapl.volume()).isEqualTo(40896227L);
        assertThat(aapl.marketTime().getEpochSecond()).isEqualTo(1739566800L);
        assertThat(aapl.exchangeTimezone()).isEqualTo("America/New_York");

        RecordedRequest crumbRequest = stub.requests("/v1/test/getcrumb").getFirst();
        assertThat(crumbRequest.getHeader("Cookie")).contains("A3=d=AQABBKvcsWcC").contains("A1=").contains("GUC=")
                .doesNotContain("Domain").doesNotContain("Expires");
        List<RecordedRequest> quoteRequests = stub.requests("/v7/finance/quote");
        assertThat(quoteRequests).hasSize(2);
        assertThat(quoteRequests.getFirst().getPath()).contains("symbols=AAPL%2CBABA").contains("crumb=haT3oykhHqZ");
        assertThat(quoteRequests.getFirst().getHeader("Cookie")).isEqualTo(crumbRequest.getHeader("Cookie"));
        assertThat(stub.count("/fc")).isEqualTo(1);
        assertThat(client.handshakes()).isEqualTo(1);
    }

    @Test
    void unknownSymbolsAreSilentlyMissing() {
        session();
        stub.on("/v7/finance/quote", yahoo("quoteCombine-NONEXIST.json"));

        assertThat(client().quotes(List.of("NONEXIST"))).isEmpty();
    }

    @Test
    void invalidCrumbRenewsTheSessionOnceAndSucceeds() {
        session();
        AtomicInteger calls = new AtomicInteger();
        stub.on("/v7/finance/quote", request -> calls.incrementAndGet() == 1
                ? invalid("Invalid Crumb") : yahoo("quote-AAPL.json"));

        YahooClient client = client();
        assertThat(client.quotes(List.of("AAPL"))).containsOnlyKeys("AAPL");

        assertThat(client.handshakes()).isEqualTo(2);
        assertThat(stub.count("/v1/test/getcrumb")).isEqualTo(2);
        assertThat(stub.count("/v7/finance/quote")).isEqualTo(2);
    }

    @Test
    void aSecondInvalidCookieIsUnavailableNotAnEndlessLoop() {
        session();
        stub.on("/v7/finance/quote", request -> invalid("Invalid Cookie"));

        assertThatThrownBy(() -> client().quotes(List.of("AAPL")))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("Invalid Cookie");
        assertThat(stub.count("/v7/finance/quote")).isEqualTo(2);
    }

    @Test
    void rateLimitedCallsBackOffAndThenSucceed() {
        AtomicInteger calls = new AtomicInteger();
        stub.on("/v8/finance/chart/AAPL", request -> calls.incrementAndGet() <= 2
                ? tooManyRequests() : yahoo("chart-AAPL-2020-01-01-to-2020-01-03.json"));

        assertThat(client().chart("AAPL", "1y", "1d").orElseThrow().bars()).hasSize(1);

        List<UpstreamStub.Call> chartCalls = stub.calls();
        assertThat(chartCalls).hasSize(3);
        // backoff 20 ms then 40 ms, each ±50 %: the retries are spaced, not hammered
        assertThat(Duration.between(chartCalls.get(0).at(), chartCalls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(10));
        assertThat(Duration.between(chartCalls.get(1).at(), chartCalls.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(20));
    }

    @Test
    void persistentRateLimitGivesUpWithinTheDeadlineWithRetryAfter() {
        stub.on("/v8/finance/chart/AAPL", request -> tooManyRequests().setHeader("Retry-After", "7"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> client(2, Duration.ofMillis(500)).chart("AAPL", "1y", "1d"))
                .isInstanceOf(UpstreamUnavailableException.class)
                .satisfies(e -> {
                    UpstreamUnavailableException u = (UpstreamUnavailableException) e;
                    assertThat(u.getStatusCode().value()).isEqualTo(503);
                    assertThat(u.getHeaders().getFirst("Retry-After")).isEqualTo("7");
                });
        // Yahoo asked for 7 s, more than the 500 ms deadline allows: one call, no 7-s sleep
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(stub.count("/v8/finance/chart/AAPL")).isEqualTo(1);
    }

    @Test
    void rateLimitedCrumbIsRetriedLikeAnyOther429() {
        session();
        AtomicInteger crumbs = new AtomicInteger();
        stub.on("/v1/test/getcrumb", request -> crumbs.incrementAndGet() == 1
                ? new MockResponse().setResponseCode(429).setBody("Too Many Requests\r\n")
                : yahoo("getCrumb-getcrumb.json"));
        stub.on("/v7/finance/quote", yahoo("quote-AAPL.json"));

        assertThat(client().quotes(List.of("AAPL"))).containsOnlyKeys("AAPL");
        assertThat(stub.requests("/v7/finance/quote").getFirst().getPath()).contains("crumb=haT3oykhHqZ")
                .doesNotContain("Too");
    }

    @Test
    void concurrentCallsNeverExceedThePermits() throws Exception {
        stub.on("/v8/finance/chart/", yahoo("chart-AAPL-2020-01-01-to-2020-01-03.json"));
        stub.hold(Duration.ofMillis(100));
        YahooClient client = client(2, Duration.ofSeconds(5));

        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> client.chart("AAPL", "1y", "1d").isPresent());
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        }

        assertThat(stub.count("/v8/finance/chart/")).isEqualTo(8);
        assertThat(stub.maxInFlight()).isEqualTo(2);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenFailsFastWithoutCallingYahoo() {
        stub.on("/v8/finance/chart/", request -> new MockResponse().setResponseCode(503).setBody("down"));
        YahooClient client = client(2, Duration.ofMillis(300));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> client.chart("AAPL", "1y", "1d")).isInstanceOf(UpstreamUnavailableException.class);
        }
        assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = stub.count("/v8/finance/chart/");

        assertThatThrownBy(() -> client.chart("AAPL", "1y", "1d"))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("circuit open")
                .satisfies(e -> assertThat(((UpstreamUnavailableException) e).getHeaders().getFirst("Retry-After"))
                        .isEqualTo("30"));
        assertThat(stub.count("/v8/finance/chart/")).isEqualTo(callsWhenOpened);
    }

    @Test
    void searchReturnsYahoosQuoteHits() {
        stub.on("/v1/finance/search", yahoo("search-AAPL.json"));

        List<YahooSearchHit> hits = client().search("AAPL", 6);

        assertThat(hits.getFirst()).isEqualTo(new YahooSearchHit("AAPL", "Apple Inc.", "Apple Inc.", "NMS", "NASDAQ",
                "EQUITY"));
        assertThat(stub.requests("/v1/finance/search").getFirst().getRequestUrl().queryParameter("q")).isEqualTo("AAPL");
    }

    /** Body as documented in scheb/yahoo-finance-api#38/#44 (no recording of a 401 exists). */
    private static MockResponse invalid(String what) {
        return new MockResponse().setResponseCode(401).setHeader("Content-Type", "application/json;charset=utf-8")
                .setBody("{\"finance\":{\"result\":null,\"error\":{\"code\":\"Unauthorized\",\"description\":\""
                        + what + "\"}}}");
    }

    /** Body as documented in ranaroussi/yfinance#2441 (no recording of a 429 exists). */
    private static MockResponse tooManyRequests() {
        return new MockResponse().setResponseCode(429).setHeader("Content-Type", "text/plain")
                .setBody("Too Many Requests\r\n");
    }
}
