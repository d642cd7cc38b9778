package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class BarsIntegrationTests extends IntegrationTestSupport {

    @Test
    void servesDailyBarsOfARangeEndingAtTheDemoToday() throws Exception {
        // 2025-05-17..2025-06-16: 20 KRX sessions (05-20..06-16 minus holidays 06-03, 06-06) + 05-19
        mvc.perform(authenticated(get("/api/market/bars/005930.KS").param("range", "1mo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.symbol").value("005930.KS"))
                .andExpect(jsonPath("$.currency").value("KRW"))
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf").value("2025-06-16"))
                .andExpect(jsonPath("$.stale").value(false))
                .andExpect(jsonPath("$.interval").value("1d"))
                .andExpect(jsonPath("$.bars[0].date").value("2025-05-19"))
                .andExpect(jsonPath("$.bars[-1:].date").value("2025-06-16"))
                .andExpect(jsonPath("$.bars[-1:].close").value(57200.0))
                .andExpect(jsonPath("$.bars[-1:].adjClose").value(57200.0))
                .andExpect(jsonPath("$.bars[-1:].volume").value(22200872));
    }

    @Test
    void aggregatesWeeksFromDailyBars() throws Exception {
        mvc.perform(authenticated(get("/api/market/bars/005930.KS").param("range", "1mo").param("interval", "1wk")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bars", hasSize(5)))
                .andExpect(jsonPath("$.bars[3].date").value("2025-06-09"))
                .andExpect(jsonPath("$.bars[3].open").value(60400.0))
                .andExpect(jsonPath("$.bars[3].high").value(60400.0))
                .andExpect(jsonPath("$.bars[3].low").value(57700.0))
                .andExpect(jsonPath("$.bars[3].close").value(58300.0))
                .andExpect(jsonPath("$.bars[3].volume").value(86987247));
    }

    @Test
    void indicesHaveBarsToo() throws Exception {
        mvc.perform(authenticated(get("/api/market/bars/^GSPC").param("range", "max")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.bars[0].date").value("2023-01-03"))
                .andExpect(jsonPath("$.asOf").value("2026-02-25"));
    }

    @Test
    void rejectsAnUnknownRangeOrIntervalNamingTheParameter() throws Exception {
        mvc.perform(authenticated(get("/api/market/bars/005930.KS").param("range", "10y")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("range"));
        mvc.perform(authenticated(get("/api/market/bars/005930.KS").param("interval", "1h")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("interval"));
        mvc.perform(authenticated(get("/api/market/bars/NOPE")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNKNOWN_SYMBOL"));
        mvc.perform(authenticated(get("/api/market/bars/0009K0.KQ")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NO_DATA"));
    }

    @Test
    void batchListsUnknownAndSeriesLessSymbolsAsMissing() throws Exception {
        mvc.perform(authenticated(post("/api/market/bars")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\",\"AAPL\",\"NOPE\",\"0126Z0.KS\",\"^VIX\",\"aapl\"],"
                                + "\"range\":\"3mo\",\"interval\":\"1wk\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf.KR").value("2025-06-16"))
                .andExpect(jsonPath("$.asOf.US").value("2026-02-25"))
                .andExpect(jsonPath("$.series.length()").value(3))
                .andExpect(jsonPath("$.series['005930.KS'][-1:].close").value(57200.0))
                .andExpect(jsonPath("$.series['^VIX'][0].date").exists())
                .andExpect(jsonPath("$.missing").value(org.hamcrest.Matchers.contains("NOPE", "0126Z0.KS")));
    }

    /** Issue 20: an API key's read scope holds in the service too: GET only, even for a read-like POST. */
    @Test
    void aReadOnlyApiKeysTokenMayGetButNotPost() throws Exception {
        String body = "{\"symbols\":[\"005930.KS\"],\"range\":\"3mo\",\"interval\":\"1wk\"}";
        mvc.perform(get("/api/market/bars/005930.KS").header("Authorization", "Bearer " + apiKeyToken("read")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/market/bars").header("Authorization", "Bearer " + apiKeyToken("read"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/market/bars").header("Authorization", "Bearer " + apiKeyToken("full"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk());
    }

    @Test
    void batchRejectsBadInputNamingTheField() throws Exception {
        postBars("{\"symbols\":[]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("symbols"));
        postBars("{\"symbols\":[\"AAPL\",\"bad sym\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("symbols[1]"));
        postBars("{\"symbols\":[\"AAPL\"],\"range\":\"7y\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("range"));
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> "\"S" + i + "\"").collect(Collectors.joining(","));
        postBars("{\"symbols\":[" + tooMany + "]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("symbols"));
        postBars("{\"symbols\":[\"AAPL\"").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"));
        postBars("{\"symbols\":\"AAPL\",\"range\":{}}").andExpect(status().isBadRequest());
        String huge = "{\"symbols\":[\"" + "A".repeat(70_000) + "\"]}";
        postBars(huge).andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void internalBarsAreColumnarTrailingDaysWithoutAToken() throws Exception {
        mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\",\"^KS11\",\"BRK-B\",\"NOPE\"],\"days\":3}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf.KR").value("2025-06-16"))
                .andExpect(jsonPath("$.asOf.US").value("2026-02-25"))
                .andExpect(jsonPath("$.series['005930.KS'].symbol").value("005930.KS"))
                .andExpect(jsonPath("$.series['005930.KS'].currency").value("KRW"))
                .andExpect(jsonPath("$.series['005930.KS'].dates")
                        .value(org.hamcrest.Matchers.contains("2025-06-12", "2025-06-13", "2025-06-16")))
                .andExpect(jsonPath("$.series['005930.KS'].close")
                        .value(org.hamcrest.Matchers.contains(59500.0, 58300.0, 57200.0)))
                .andExpect(jsonPath("$.series['005930.KS'].adjClose", hasSize(3)))
                .andExpect(jsonPath("$.series['005930.KS'].volume[2]").value(22200872))
                .andExpect(jsonPath("$.series['BRK-B'].currency").value("USD"))
                .andExpect(jsonPath("$.series['^KS11'].open", hasSize(3)))
                .andExpect(jsonPath("$.missing").value(org.hamcrest.Matchers.contains("NOPE")));
    }

    @Test
    void internalBarsDefaultTo400DaysAndRejectMoreThan1000() throws Exception {
        mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"AAPL\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series.AAPL.dates", hasSize(400)));
        mvc.perform(asService(post("/internal/bars").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"AAPL\"],\"days\":1001}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("days"))
                .andExpect(jsonPath("$.type").value(startsWith("https://stockradar.io/problems/")));
    }

    private org.springframework.test.web.servlet.ResultActions postBars(String body) throws Exception {
        return mvc.perform(authenticated(post("/api/market/bars")).contentType(MediaType.APPLICATION_JSON).content(body));
    }
}
