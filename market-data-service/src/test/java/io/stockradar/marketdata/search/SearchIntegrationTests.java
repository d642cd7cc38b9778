package io.stockradar.marketdata.search;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Ranking over the real bundled security master. */
class SearchIntegrationTests extends IntegrationTestSupport {

    @Test
    void findsSamsungElectronicsFirstByKoreanNameEnglishNameAndCode() throws Exception {
        for (String q : new String[] {"삼성", "Samsung", "samsung electronics", "005930", "삼성전자"}) {
            mvc.perform(authenticated(get("/api/market/search").param("q", q)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].symbol").value("005930.KS"))
                    .andExpect(jsonPath("$[0].code").value("005930"))
                    .andExpect(jsonPath("$[0].nameKo").value("삼성전자"))
                    .andExpect(jsonPath("$[0].market").value("KR"))
                    .andExpect(jsonPath("$[0].sector").value("Information Technology"));
        }
    }

    @Test
    void findsUsSymbolsAndShareClasses() throws Exception {
        mvc.perform(authenticated(get("/api/market/search").param("q", "AAPL")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].symbol").value("AAPL"))
                .andExpect(jsonPath("$[0].name").value("Apple Inc."))
                .andExpect(jsonPath("$[0].market").value("US"));
        mvc.perform(authenticated(get("/api/market/search").param("q", "brk")))
                .andExpect(jsonPath("$[0].symbol").value("BRK-B"));
        mvc.perform(authenticated(get("/api/market/search").param("q", "코스피")))
                .andExpect(jsonPath("$[0].symbol").value("^KS11"))
                .andExpect(jsonPath("$[0].type").value("INDEX"));
    }

    @Test
    void limitsResultsAndValidatesParameters() throws Exception {
        mvc.perform(authenticated(get("/api/market/search").param("q", "a")))
                .andExpect(jsonPath("$", hasSize(10)));
        mvc.perform(authenticated(get("/api/market/search").param("q", "a").param("limit", "50")))
                .andExpect(jsonPath("$", hasSize(50)));
        mvc.perform(authenticated(get("/api/market/search").param("q", "a").param("limit", "51")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(authenticated(get("/api/market/search").param("q", " ")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
        mvc.perform(authenticated(get("/api/market/search")))
                .andExpect(status().isBadRequest());
    }
}
