package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

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
    void exchangeFlagsDatedAfterTheAnalysisDateAreLeftOut() throws Exception {
        // 483650 (달바글로벌) has market_warning=01 (투자주의) in the 2026-07-22 master: 13 months after the KR
        // demo "today" 2025-06-16, so an agent analysing that day must not see it (issue 18)
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"483650.KS\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items['483650.KS'].analysisDate").value("2025-06-16"))
                .andExpect(jsonPath("$.items['483650.KS'].riskFlags", hasSize(0)));
    }

    @Test
    void internalFundamentalsRejectAnEmptyList() throws Exception {
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON).content("{\"symbols\":[]}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("symbols"));
    }
}
