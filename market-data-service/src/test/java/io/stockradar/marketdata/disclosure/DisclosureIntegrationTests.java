package io.stockradar.marketdata.disclosure;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Demo mode (live DART off): disclosures are the bundled recorded DART list responses, nothing invented. */
class DisclosureIntegrationTests extends IntegrationTestSupport {

    @Test
    void samsungsRecordedFilingsNewestFirst() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/disclosures")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Stockradar-Source", "demo"))
                .andExpect(header().string("X-Stockradar-Note", containsString("Recorded")))
                // list-00126380-2023.json (finacolada, 2023-02) before list-00126380-2020.json (seyoungnam, 2018)
                .andExpect(jsonPath("$[0].receiptNo").value("20230207800704"))
                .andExpect(jsonPath("$[0].date").value("2023-02-07"))
                .andExpect(jsonPath("$[0].title").value("최대주주등소유주식변동신고서"))
                .andExpect(jsonPath("$[0].type").value("OTHER"))
                .andExpect(jsonPath("$[0].riskFlag").value(false))
                .andExpect(jsonPath("$[-1:].date").value("2018-03-12"))
                .andExpect(jsonPath("$.length()").value(13));
    }

    @Test
    void aCompanyWithoutRecordedFilingsGetsAnEmptyListWithANote() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/000660.KS/disclosures")))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"))
                .andExpect(header().string("X-Stockradar-Note", containsString("no+recorded+DART+filings")));
        mvc.perform(authenticated(get("/api/market/companies/AAPL/disclosures")))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"))
                .andExpect(header().string("X-Stockradar-Note", containsString("Korean+companies+only")));
    }

    @Test
    void unknownSymbolIs404() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/NOPE/disclosures")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNKNOWN_SYMBOL"));
        mvc.perform(get("/api/market/companies/005930.KS/disclosures")).andExpect(status().isUnauthorized());
    }
}
