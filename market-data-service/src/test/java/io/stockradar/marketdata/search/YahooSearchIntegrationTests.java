package io.stockradar.marketdata.search;

import io.stockradar.marketdata.LiveProvidersTestSupport;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.stockradar.marketdata.upstream.Recordings.yahoo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code /api/market/search} with the yahoo provider: the master's results first, then Yahoo's hits (the
 * real recorded search-AAPL response) that the master lacks, options dropped; Yahoo failing or slow → the
 * local results alone, 200, with a note.
 */
class YahooSearchIntegrationTests extends LiveProvidersTestSupport {

    @BeforeEach
    void yahooAnswers() {
        YAHOO.reset();
        YAHOO.on("/v1/finance/search", yahoo("search-AAPL.json"));
    }

    @AfterEach
    void noHold() {
        YAHOO.hold(Duration.ZERO);
    }

    @Test
    void localResultsComeFirstThenYahooHitsTheMasterLacks() throws Exception {
        mvc.perform(authenticated(get("/api/market/search").param("q", "AAPL")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Stockradar-Source", "local,yahoo"))
                .andExpect(header().doesNotExist("X-Stockradar-Note"))
                .andExpect(jsonPath("$", hasSize(2)))
                // Yahoo's AAPL hit is the master's AAPL: listed once, from the master (sector and all)
                .andExpect(jsonPath("$[0].symbol").value("AAPL"))
                .andExpect(jsonPath("$[0].source").value("local"))
                .andExpect(jsonPath("$[0].sector").value("Information Technology"))
                .andExpect(jsonPath("$[1].symbol").value("AAPU"))
                .andExpect(jsonPath("$[1].source").value("yahoo"))
                .andExpect(jsonPath("$[1].name").value("Direxion Daily AAPL Bull 2X Shares"))
                .andExpect(jsonPath("$[1].market").value("US"))
                .andExpect(jsonPath("$[1].exchange").value("NASDAQ"))
                .andExpect(jsonPath("$[1].type").value("ETF")); // the four options of the recording are left out
        assertThat(YAHOO.requests("/v1/finance/search").getFirst().getRequestUrl().queryParameter("q"))
                .isEqualTo("AAPL");
    }

    @Test
    void koreanNamesAreFoundLocallyAndYahooIsNotAskedWhenTheyFillTheLimit() throws Exception {
        mvc.perform(authenticated(get("/api/market/search").param("q", "삼성").param("limit", "3")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Stockradar-Source", "local"))
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].symbol").value("005930.KS"));
        assertThat(YAHOO.count("/v1/finance/search")).isZero();
    }

    @Test
    void whenYahooFailsTheLocalResultsStandAloneMarkedSo() throws Exception {
        YAHOO.on("/v1/finance/search", new MockResponse().setResponseCode(503).setBody("Will be right back"));

        mvc.perform(authenticated(get("/api/market/search").param("q", "AAPL")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Stockradar-Source", "local"))
                .andExpect(header().string("X-Stockradar-Note", containsString("yahoo+search+unavailable")))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].symbol").value("AAPL"));
    }

    @Test
    void whenYahooIsSlowTheLocalResultsDoNotWaitForIt() throws Exception {
        YAHOO.hold(Duration.ofMillis(2_500)); // remote-timeout is 2 s

        long started = System.nanoTime();
        mvc.perform(authenticated(get("/api/market/search").param("q", "AAPL")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Stockradar-Note", containsString("did+not+answer")))
                .andExpect(jsonPath("$", hasSize(1)));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_400);
    }
}
