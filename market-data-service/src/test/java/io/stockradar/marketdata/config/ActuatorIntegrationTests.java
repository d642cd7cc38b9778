package io.stockradar.marketdata.config;

import io.stockradar.marketdata.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ActuatorIntegrationTests extends IntegrationTestSupport {

    @Test
    void healthProbesArePublicAndShowTheDataset() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.marketData.details.provider").value("demo"));
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.marketData.status").value("UP"))
                .andExpect(jsonPath("$.components.marketData.details.asOf.KR").value("2025-06-16"))
                .andExpect(jsonPath("$.components.marketData.details.asOf.US").value("2026-02-25"))
                .andExpect(jsonPath("$.components.marketData.details.series.KR").value(350))
                .andExpect(jsonPath("$.components.marketData.details.series.US").value(505))
                .andExpect(jsonPath("$.components.marketData.details.flaggedBars.HALTED").value(132))
                .andExpect(jsonPath("$.components.redis.status").exists());
    }

    @Test
    void prometheusAndOpenApiArePublicOtherActuatorEndpointsAreNot() throws Exception {
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk())
                .andExpect(content().string(containsString("stockradar_cache_requests")));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/market/quote/{symbol}")))
                .andExpect(content().string(containsString("/internal/bars")));
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
    }
}
