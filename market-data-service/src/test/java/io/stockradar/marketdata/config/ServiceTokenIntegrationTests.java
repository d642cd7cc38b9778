package io.stockradar.marketdata.config;

import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Instant;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue 3's service identity: {@code /internal/**} takes only service tokens (aud {@code stockradar-internal})
 * with scope {@code market:read}; {@code /api/**} takes only user tokens (aud {@code stockradar-api}). Each
 * refusal is problem+json.
 */
class ServiceTokenIntegrationTests extends IntegrationTestSupport {

    private static final String BARS = "{\"symbols\":[\"005930.KS\"],\"days\":2}";

    private static MockHttpServletRequestBuilder internalBars(String bearer) {
        MockHttpServletRequestBuilder request = post("/internal/bars").contentType(MediaType.APPLICATION_JSON)
                .content(BARS);
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    @Test
    void aServiceTokenWithMarketReadReadsTheInternalApi() throws Exception {
        mvc.perform(internalBars(serviceToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.series['005930.KS'].close.length()").value(2));
        mvc.perform(get("/internal/universes/KOSPI200").header("Authorization", "Bearer " + serviceToken()))
                .andExpect(status().isOk());
        // scope is a space-separated list: market:read among others is enough
        mvc.perform(internalBars(serviceToken(StockRadarJwt.INTERNAL_AUDIENCE, "history:write market:read")))
                .andExpect(status().isOk());
    }

    @Test
    void theInternalApiRefusesCallsWithoutAToken() throws Exception {
        mvc.perform(internalBars(null))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        mvc.perform(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\"]}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aUserTokenIsRefusedOnTheInternalApi() throws Exception {
        mvc.perform(internalBars(token()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        mvc.perform(get("/internal/universes/KOSPI200").header("Authorization", "Bearer " + token()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aServiceTokenWithoutMarketReadIsForbidden() throws Exception {
        mvc.perform(internalBars(serviceToken(StockRadarJwt.INTERNAL_AUDIENCE, "history:write")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(internalBars(serviceToken(StockRadarJwt.INTERNAL_AUDIENCE, "market:readx")))
                .andExpect(status().isForbidden());
    }

    @Test
    void serviceTokensOfAnotherIssuerOrExpiredAreRefused() throws Exception {
        mvc.perform(internalBars(token("http://evil.test", StockRadarJwt.INTERNAL_AUDIENCE,
                        Instant.now().plusSeconds(60))))
                .andExpect(status().isUnauthorized());
        mvc.perform(internalBars(token(ISSUER, StockRadarJwt.INTERNAL_AUDIENCE, Instant.now().minusSeconds(600))))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aServiceTokenIsRefusedOnThePublicApi() throws Exception {
        mvc.perform(get("/api/market/quote/005930.KS").header("Authorization", "Bearer " + serviceToken()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("UNAUTHORIZED"));
        mvc.perform(get("/api/market/quote/005930.KS").header("Authorization", "Bearer " + token()))
                .andExpect(status().isOk());
    }

    @Test
    void healthStaysPublic() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }
}
