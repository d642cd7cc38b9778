package io.stockradar.marketdata.quote;

import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class QuoteIntegrationTests extends IntegrationTestSupport {

    @Test
    void quotesTheLastKrBarAgainstThePreviousClose() throws Exception {
        // pykrx: 2025-06-13 close 58300, 2025-06-16 close 57200 volume 22200872
        mvc.perform(authenticated(get("/api/market/quote/005930.KS")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Served-By", startsWith("market-data-service:")))
                .andExpect(jsonPath("$.symbol").value("005930.KS"))
                .andExpect(jsonPath("$.name").value("삼성전자"))
                .andExpect(jsonPath("$.price").value(57200.0))
                .andExpect(jsonPath("$.previousClose").value(58300.0))
                .andExpect(jsonPath("$.change").value(-1100.0))
                .andExpect(jsonPath("$.changePercent").value((57200.0 - 58300.0) / 58300.0 * 100.0))
                .andExpect(jsonPath("$.volume").value(22200872))
                .andExpect(jsonPath("$.currency").value("KRW"))
                .andExpect(jsonPath("$.marketTime").value("2025-06-16T15:30:00+09:00"))
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf").value("2025-06-16"))
                .andExpect(jsonPath("$.stale").value(false));
    }

    @Test
    void quotesUsStocksInUsdAtTheNewYorkCloseAndIndices() throws Exception {
        mvc.perform(authenticated(get("/api/market/quote/aapl")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.symbol").value("AAPL"))
                .andExpect(jsonPath("$.price").value(274.2300109863281))
                .andExpect(jsonPath("$.currency").value("USD"))
                .andExpect(jsonPath("$.marketTime").value("2026-02-25T16:00:00-05:00"))
                .andExpect(jsonPath("$.asOf").value("2026-02-25"));
        mvc.perform(authenticated(get("/api/market/quote/^KS11")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("KRW"))
                .andExpect(jsonPath("$.asOf").value("2025-06-16"));
    }

    @Test
    void unknownSymbolIs404NamingIt() throws Exception {
        mvc.perform(authenticated(get("/api/market/quote/NOPE")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("UNKNOWN_SYMBOL"))
                .andExpect(jsonPath("$.detail").value("Unknown symbol 'NOPE'"));
    }

    @Test
    void memberWithoutABundledSeriesIs404NoDataNeverAGeneratedPrice() throws Exception {
        mvc.perform(authenticated(get("/api/market/quote/0126Z0.KS")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NO_DATA"))
                .andExpect(jsonPath("$.detail").value(startsWith("'0126Z0.KS' is known but the demo data has no price")));
    }

    @Test
    void invalidSymbolSyntaxIs400NamingTheField() throws Exception {
        mvc.perform(authenticated(get("/api/market/quote/bad$symbol")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("symbol"));
    }

    @Test
    void requiresAValidTokenOfOurIssuerAndAudience() throws Exception {
        mvc.perform(get("/api/market/quote/005930.KS"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        mvc.perform(get("/api/market/quote/005930.KS").header("Authorization",
                        "Bearer " + token(ISSUER, "someone-else", Instant.now().plusSeconds(60))))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/market/quote/005930.KS").header("Authorization",
                        "Bearer " + token("http://evil.test", StockRadarJwt.AUDIENCE, Instant.now().plusSeconds(60))))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/market/quote/005930.KS").header("Authorization",
                        "Bearer " + token(ISSUER, StockRadarJwt.AUDIENCE, Instant.now().minusSeconds(600))))
                .andExpect(status().isUnauthorized());
    }
}
