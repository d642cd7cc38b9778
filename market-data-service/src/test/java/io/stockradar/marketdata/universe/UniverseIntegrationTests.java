package io.stockradar.marketdata.universe;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class UniverseIntegrationTests extends IntegrationTestSupport {

    @Test
    void listsTheThreeUniversesWithCounts() throws Exception {
        mvc.perform(authenticated(get("/api/market/universes")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].id").value("KOSPI200"))
                .andExpect(jsonPath("$[0].memberCount").value(200))
                .andExpect(jsonPath("$[0].membersWithBars").value(199))
                .andExpect(jsonPath("$[1].id").value("KOSDAQ150"))
                .andExpect(jsonPath("$[1].membersWithBars").value(148))
                .andExpect(jsonPath("$[2].id").value("SP500"))
                .andExpect(jsonPath("$[2].memberCount").value(503))
                .andExpect(jsonPath("$[2].membersWithBars").value(491));
    }

    @Test
    void servesMembersByMarketCapWithNamesSectorsAndMarketCapInKrw() throws Exception {
        mvc.perform(authenticated(get("/api/market/universes/kospi200")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("KOSPI200"))
                .andExpect(jsonPath("$.market").value("KR"))
                .andExpect(jsonPath("$.asOf").value("2026-07-22"))
                .andExpect(jsonPath("$.pricesAsOf").value("2025-06-16"))
                .andExpect(jsonPath("$.members", hasSize(200)))
                .andExpect(jsonPath("$.members[0].symbol").value("005930.KS"))
                .andExpect(jsonPath("$.members[0].code").value("005930"))
                .andExpect(jsonPath("$.members[0].name").value("삼성전자"))
                .andExpect(jsonPath("$.members[0].nameEn").value("SAMSUNG ELECTRONICS CO,.LTD"))
                .andExpect(jsonPath("$.members[0].sector").value("Information Technology"))
                .andExpect(jsonPath("$.members[0].marketCap").value(1.5141861E15))
                .andExpect(jsonPath("$.members[0].hasBars").value(true))
                .andExpect(jsonPath("$.members[?(@.symbol=='0126Z0.KS')].hasBars").value(false));
    }

    @Test
    void internalUniverseHasTheContractShapeWithoutAToken() throws Exception {
        mvc.perform(asService(get("/internal/universes/SP500")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("SP500"))
                .andExpect(jsonPath("$.name").value("S&P 500"))
                .andExpect(jsonPath("$.market").value("US"))
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf").value("2026-08-08"))
                .andExpect(jsonPath("$.members[?(@.symbol=='BRK-B')].sector").value("Financials"))
                .andExpect(jsonPath("$.members[?(@.symbol=='BRK-B')].market").value("US"))
                // no market cap source for US in the demo data: null, never a guess
                .andExpect(jsonPath("$.members[0].marketCap").isEmpty());
    }

    @Test
    void unknownUniverseIs404() throws Exception {
        mvc.perform(authenticated(get("/api/market/universes/NASDAQ100")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNKNOWN_UNIVERSE"));
        mvc.perform(asService(get("/internal/universes/NASDAQ100"))).andExpect(status().isNotFound());
    }
}
