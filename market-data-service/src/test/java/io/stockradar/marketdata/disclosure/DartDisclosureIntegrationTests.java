package io.stockradar.marketdata.disclosure;

import io.stockradar.marketdata.IntegrationTestSupport;
import io.stockradar.marketdata.upstream.Recordings;
import io.stockradar.marketdata.upstream.UpstreamStub;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static io.stockradar.marketdata.upstream.Recordings.dart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Live OpenDART ({@code DART_ENABLED=true}) against a stub replaying real DART recordings: the corp code
 * comes from corpCode.xml, filings from list.json; a rejected key turns health to OUT_OF_SERVICE
 * ({@code dart: misconfigured}) and requests to 503.
 */
@TestPropertySource(properties = {"stockradar.dart.enabled=true",
        "stockradar.dart.api-key=0123456789abcdef0123456789abcdef01234567",
        "stockradar.dart.deadline=2s", "stockradar.dart.retry.initial=20ms", "stockradar.dart.retry.max=50ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DartDisclosureIntegrationTests extends IntegrationTestSupport {

    private static final UpstreamStub DART = new UpstreamStub()
            .on("/api/corpCode.xml", new MockResponse().setBody(new Buffer().write(
                    Recordings.bytes("upstream/dart/corp_codes.zip"))))
            .on("/api/list.json", dart("list_corp_code-005930_bgn20230101_end20230208_page_count3.json"));

    @DynamicPropertySource
    static void dartStub(DynamicPropertyRegistry registry) {
        registry.add("stockradar.dart.base-url", DART::baseUrl);
    }

    @AfterAll
    static void stopStub() {
        DART.close();
    }

    @Test
    @Order(1)
    void filingsOfTheLast90DaysComeFromDart() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/disclosures")))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Stockradar-Source", "dart"))
                .andExpect(jsonPath("$[0].receiptNo").value("20230207800704"))
                .andExpect(jsonPath("$[0].title").value("최대주주등소유주식변동신고서"))
                .andExpect(jsonPath("$[0].riskFlag").value(false));

        RecordedRequest list = DART.requests("/api/list.json").getFirst();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        assertThat(list.getRequestUrl().queryParameter("corp_code")).isEqualTo("00126380"); // from corpCode.xml
        assertThat(list.getRequestUrl().queryParameter("end_de")).isEqualTo(today.format(DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(list.getRequestUrl().queryParameter("bgn_de"))
                .isEqualTo(today.minusDays(90).format(DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(DART.count("/api/corpCode.xml")).isEqualTo(1);
        int listCalls = DART.count("/api/list.json");
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/disclosures"))).andExpect(status().isOk());
        assertThat(DART.count("/api/list.json")).as("served from memory for 15 min").isEqualTo(listCalls);
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.dart.status").value("UP"))
                .andExpect(jsonPath("$.components.dart.details.listedCorpCodes").value(3549));
    }

    @Test
    @Order(2)
    void inDemoModeFinancialsStayOnTheBundledMasterEvenWithLiveDart() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("demo"))
                .andExpect(jsonPath("$.asOf").value("2026-03-31"));
        assertThat(DART.count("/api/fnlttSinglAcnt.json")).isZero();
    }

    @Test
    @Order(2)
    void noFilingsIsAnEmptyListNotAnError() throws Exception {
        DART.on("/api/list.json", new MockResponse().setBody("{\"status\":\"013\",\"message\":\"조회된 데이타가 없습니다.\"}"));

        mvc.perform(authenticated(get("/api/market/companies/000660.KS/disclosures")))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"))
                .andExpect(header().exists("X-Stockradar-Note"));
    }

    @Test
    @Order(3)
    void aRejectedKeyMakesTheServiceReportItselfMisconfigured() throws Exception {
        DART.on("/api/list.json", new MockResponse().setBody("{\"status\":\"010\",\"message\":\"등록되지 않은 인증키입니다.\"}"));

        mvc.perform(authenticated(get("/api/market/companies/035420.KS/disclosures")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("UPSTREAM_UNAVAILABLE"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("misconfigured")));
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.components.dart.status").value("OUT_OF_SERVICE"))
                .andExpect(jsonPath("$.components.dart.details.dart").value("misconfigured"));
        // readiness does not depend on DART: every instance shares the key, taking them all out helps nobody
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }
}
