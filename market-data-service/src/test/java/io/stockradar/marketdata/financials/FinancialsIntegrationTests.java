package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class FinancialsIntegrationTests extends IntegrationTestSupport {

    @Test
    void krFinancialsComeFromTheKisMasterWithEachFiguresDate() throws Exception {
        // master row 005930: revenue 1,338,734 / op 572,328 / net 47,225 (100m KRW), ROE 19.16, fin_base 20260331
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.symbol").value("005930.KS"))
                .andExpect(jsonPath("$.period").value("2026-03"))
                .andExpect(jsonPath("$.currency").value("KRW"))
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf").value("2026-03-31"))
                .andExpect(jsonPath("$.items.revenue.value").value(1.338734E14))
                .andExpect(jsonPath("$.items.revenue.unit").value("KRW"))
                .andExpect(jsonPath("$.items.revenue.asOf").value("2026-03-31"))
                .andExpect(jsonPath("$.items.operatingIncome.value").value(5.72328E13))
                .andExpect(jsonPath("$.items.netIncome.value").value(4.7225E12))
                .andExpect(jsonPath("$.items.roe.value").value(19.16))
                .andExpect(jsonPath("$.items.roe.unit").value("%"))
                .andExpect(jsonPath("$.items.marketCap.value").value(1.5141861E15))
                .andExpect(jsonPath("$.items.marketCap.asOf").value("2026-07-21"));
    }

    @Test
    void usFinancialsSayThereAreNoneInTheDemoData() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/AAPL/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.note").value(FinancialsService.NO_US_FUNDAMENTALS));
        mvc.perform(authenticated(get("/api/market/companies/NOPE/financials")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNKNOWN_SYMBOL"));
    }

    @Test
    void internalFundamentalsDeriveRatiosOnlyFromAnnualPositiveInputs() throws Exception {
        // 064760.KQ (티씨케이): FY2024 (settle month 12), market cap 23,420 / net income 720 (100m KRW), ROE 15
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"064760.KQ\",\"005930.KS\",\"AAPL\",\"NOPE\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.items['064760.KQ'].asOf").value("2024-12-31"))
                .andExpect(jsonPath("$.items['064760.KQ'].periodType").value("ANNUAL"))
                .andExpect(jsonPath("$.items['064760.KQ'].per").value(2342e9 / 72e9))
                .andExpect(jsonPath("$.items['064760.KQ'].pbr").value(2342e9 / (72e9 / (15 / 100.0))))
                .andExpect(jsonPath("$.items['064760.KQ'].operatingMargin").value(80.7e9 / 275.7e9 * 100.0))
                .andExpect(jsonPath("$.items['064760.KQ'].debtRatio").isEmpty())
                .andExpect(jsonPath("$.items['064760.KQ'].revenueGrowthYoY").isEmpty())
                .andExpect(jsonPath("$.items['064760.KQ'].riskFlags", hasSize(0)))
                // Samsung's figures are for Q1 2026 only: no PER/PBR from a quarter's net income
                .andExpect(jsonPath("$.items['005930.KS'].periodType").value("INTERIM"))
                .andExpect(jsonPath("$.items['005930.KS'].per").isEmpty())
                .andExpect(jsonPath("$.items['005930.KS'].pbr").isEmpty())
                .andExpect(jsonPath("$.items['005930.KS'].roe").value(19.16))
                .andExpect(jsonPath("$.items['005930.KS'].marketCapAsOf").value("2026-07-21"))
                .andExpect(jsonPath("$.missing").value(contains("AAPL", "NOPE")));
    }

    @Test
    void exchangeFlagsOfTheMasterBecomeDatedRiskFlags() throws Exception {
        // 483650 (달바글로벌) has market_warning=01 (투자주의) in the 2026-07-22 master
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"483650.KS\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items['483650.KS'].riskFlags", hasSize(1)))
                .andExpect(jsonPath("$.items['483650.KS'].riskFlags[0].code").value("MARKET_WARNING_CAUTION"))
                .andExpect(jsonPath("$.items['483650.KS'].riskFlags[0].date").value("2026-07-22"));
    }

    @Test
    void internalFundamentalsRejectAnEmptyList() throws Exception {
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON).content("{\"symbols\":[]}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("symbols"));
    }
}
