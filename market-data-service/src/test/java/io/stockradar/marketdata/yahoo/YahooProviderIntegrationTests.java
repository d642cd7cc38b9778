package io.stockradar.marketdata.yahoo;

import io.stockradar.marketdata.IntegrationTestSupport;
import io.stockradar.marketdata.upstream.UpstreamStub;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.util.Set;

import static io.stockradar.marketdata.upstream.Recordings.yahoo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service with {@code MARKET_DATA_PROVIDER=yahoo} against a stub replaying real Yahoo recordings:
 * responses and health say {@code source: yahoo}; when Yahoo fails the last good value is served marked
 * stale, and without one the answer is 503 problem+json with Retry-After.
 */
@TestPropertySource(properties = {
        "stockradar.market-data.provider=yahoo",
        "stockradar.yahoo.deadline=1s",
        "stockradar.yahoo.retry.initial=10ms",
        "stockradar.yahoo.retry.max=40ms",
        "stockradar.yahoo.retry.max-attempts=2",
        "stockradar.yahoo.circuit-breaker.wait-in-open=500ms"})
class YahooProviderIntegrationTests extends IntegrationTestSupport {

    private static final UpstreamStub YAHOO = new UpstreamStub();

    @Autowired
    private StringRedisTemplate redis;

    @DynamicPropertySource
    static void yahooStub(DynamicPropertyRegistry registry) {
        registry.add("stockradar.yahoo.base-url", YAHOO::baseUrl);
        registry.add("stockradar.yahoo.cookie-url", () -> YAHOO.url("/fc"));
    }

    @AfterAll
    static void stopStub() {
        YAHOO.close();
    }

    @BeforeEach
    void upstreamAnswers() {
        Set<String> keys = redis.keys("stockradar:md:yahoo:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        YAHOO.on("/fc", new MockResponse().setResponseCode(404).setHeaders(
                yahoo("getCrumb-quote-AAPL-copyConsent.json").getHeaders().newBuilder().removeAll("Location").build()));
        YAHOO.on("/v1/test/getcrumb", yahoo("getCrumb-getcrumb.json"));
        YAHOO.on("/v7/finance/quote", yahoo("quote-AAPL.json"));
        YAHOO.on("/v8/finance/chart/AAPL", yahoo("chart-AAPL-2020-08-31-to-2020-11-07.json"));
        YAHOO.on("/v8/finance/chart/NVDA", yahoo("historical-via-chart-NVDA-split-2021-02-01-to-2022-01-31.csv.json"));
        YAHOO.on("/v8/finance/chart/MSFT", yahoo("historicalv8-MDLY-2020-01-01-to-2021-01-04.json"));
    }

    private static void yahooFails() {
        MockResponse down = new MockResponse().setResponseCode(503).setBody("Will be right back");
        YAHOO.on("/v7/finance/quote", down);
        YAHOO.on("/v8/finance/chart/", down);
        YAHOO.on("/v8/finance/chart/AAPL", down);
        YAHOO.on("/v8/finance/chart/NVDA", down);
    }

    @Test
    void quoteComesFromYahooAndSaysSo() throws Exception {
        mvc.perform(authenticated(get("/api/market/quote/AAPL")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("yahoo"))
                .andExpect(jsonPath("$.price").value(244.6))
                .andExpect(jsonPath("$.previousClose").value(241.53))
                .andExpect(jsonPath("$.volume").value(40896227))
                .andExpect(jsonPath("$.marketTime").value("2025-02-14T16:00:00-05:00"))
                .andExpect(jsonPath("$.asOf").value("2025-02-14"))
                .andExpect(jsonPath("$.stale").value(false));
    }

    @Test
    void barsComeFromTheYahooChartWithAdjustedClose() throws Exception {
        mvc.perform(authenticated(get("/api/market/bars/AAPL").param("range", "1mo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("yahoo"))
                .andExpect(jsonPath("$.stale").value(false))
                .andExpect(jsonPath("$.bars[-1:].date").value("2020-11-06"))
                .andExpect(jsonPath("$.bars[-1:].close").value(118.69000244140625));
        mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"NVDA\",\"MSFT\",\"NOPE\"],\"days\":400}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("yahoo"))
                .andExpect(jsonPath("$.series.NVDA.dates.length()").value(252))
                .andExpect(jsonPath("$.missing[0]").value("MSFT")) // Yahoo: "No data found, symbol may be delisted"
                .andExpect(jsonPath("$.missing[1]").value("NOPE")); // not in the security master: never fetched
        assertThat(YAHOO.count("/v8/finance/chart/NOPE")).isZero();
    }

    @Test
    void yahoo404ForAKnownSymbolIsNoData() throws Exception {
        mvc.perform(authenticated(get("/api/market/bars/MSFT")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NO_DATA"))
                .andExpect(jsonPath("$.detail").value("'MSFT' is known but the yahoo data has no price series for it"));
    }

    @Test
    void whenYahooFailsTheLastGoodValueIsServedMarkedStale() throws Exception {
        mvc.perform(authenticated(get("/api/market/quote/AAPL"))).andExpect(jsonPath("$.stale").value(false));
        mvc.perform(authenticated(get("/api/market/bars/AAPL"))).andExpect(jsonPath("$.stale").value(false));
        // the fresh entries expire (here: are evicted); the last good copies stay
        Set<String> fresh = redis.keys("stockradar:md:yahoo:*AAPL").stream().filter(k -> !k.contains(":last:"))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(fresh).hasSize(2);
        redis.delete(fresh);
        yahooFails();

        mvc.perform(authenticated(get("/api/market/quote/AAPL")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.price").value(244.6))
                .andExpect(jsonPath("$.source").value("yahoo"))
                .andExpect(jsonPath("$.stale").value(true));
        mvc.perform(authenticated(get("/api/market/bars/AAPL").param("range", "1mo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bars[-1:].date").value("2020-11-06"))
                .andExpect(jsonPath("$.stale").value(true));
    }

    @Test
    void whenYahooFailsWithNothingKeptTheAnswerIs503WithRetryAfter() throws Exception {
        yahooFails();

        mvc.perform(authenticated(get("/api/market/bars/NVDA")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void healthSaysTheSourceIsYahoo() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.marketData.details.provider").value("yahoo"))
                .andExpect(jsonPath("$.components.marketData.details.source").value("yahoo"))
                .andExpect(jsonPath("$.components.marketData.details.circuitBreaker").exists());
    }
}
