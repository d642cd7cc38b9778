package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.LiveProvidersTestSupport;
import io.stockradar.marketdata.upstream.Recordings;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * KR financials with the live providers: OpenDART 단일회사 주요계정 (against a stub replaying Samsung
 * Electronics' real FY2018 key accounts), mapped to the fields the fundamental agent consumes, cached in Redis,
 * and DART's outcomes: 013 empty, 020 backoff then 503 (or the last good figures, stale), key errors
 * misconfigured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DartFinancialsIntegrationTests extends LiveProvidersTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NO_DATA = "{\"status\":\"013\",\"message\":\"조회된 데이타가 없습니다.\"}";
    private static final String LIMIT = "{\"status\":\"020\",\"message\":\"요청 제한을 초과하였습니다.\"}";
    /** Samsung Electronics FY2018, CFS (real rows of the fnlttMultiAcnt recording, 100 million KRW = 1e8). */
    private static final double REVENUE = 243_771_415e6;
    private static final double PRIOR_REVENUE = 239_575_376e6;
    private static final double OPERATING = 58_886_669e6;
    private static final double PRIOR_OPERATING = 53_645_038e6;
    private static final double NET = 44_344_857e6;
    private static final double LIABILITIES = 91_604_067e6;
    private static final double EQUITY = 247_753_177e6;
    /** 005930's market cap in the bundled KIS master (2026-07-21). */
    private static final double MARKET_CAP = 1.5141861E15;

    @Autowired
    private StringRedisTemplate redis;

    private final int lastYear = LocalDate.now(ZoneId.of("Asia/Seoul")).getYear() - 1;

    /**
     * The Samsung rows of the real multi-company recording, as the single-company answer (the same row shape:
     * API-NOTES §2.2), optionally without some rows.
     */
    static String samsung2018(Predicate<JsonNode> keep) {
        JsonNode multi = JSON.readTree(Recordings.text("upstream/dart/fnlttMultiAcnt_00293886-00126380_2018_11011.json"));
        ObjectNode single = JSON.createObjectNode().put("status", "000").put("message", "정상");
        ArrayNode list = single.putArray("list");
        multi.path("list").forEach(row -> {
            if ("00126380".equals(row.path("corp_code").asString()) && keep.test(row)) {
                list.add(row);
            }
        });
        return JSON.writeValueAsString(single);
    }

    @BeforeEach
    void dart() {
        Set<String> keys = redis.keys("stockradar:md:doc:*");
        if (keys != null && !keys.isEmpty()) {
            redis.delete(keys);
        }
        DART.reset();
        DART.on("/api/corpCode.xml", new MockResponse().setBody(new Buffer().write(
                Recordings.bytes("upstream/dart/corp_codes.zip"))));
        // last fiscal year not filed yet; the year before: the real FY2018 report; no quarterly reports
        answerAnnualOfTheYearBefore(samsung2018(row -> true));
    }

    private void answerAnnualOfTheYearBefore(String body) {
        DART.on("/api/fnlttSinglAcnt.json", request -> json(isAnnual(request, lastYear - 1) ? body : NO_DATA));
    }

    private static boolean isAnnual(RecordedRequest request, int year) {
        return "11011".equals(request.getRequestUrl().queryParameter("reprt_code"))
                && String.valueOf(year).equals(request.getRequestUrl().queryParameter("bsns_year"));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json;charset=UTF-8").setBody(body);
    }

    @Test
    @Order(1)
    void krFinancialsComeFromTheLatestFiledDartAnnualReport() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("dart"))
                .andExpect(jsonPath("$.stale").value(false))
                .andExpect(jsonPath("$.period").value("2018-12"))
                .andExpect(jsonPath("$.asOf").value("2018-12-31"))
                .andExpect(jsonPath("$.periodType").value("ANNUAL"))
                .andExpect(jsonPath("$.currency").value("KRW"))
                .andExpect(jsonPath("$.items.revenue.value").value(REVENUE))
                .andExpect(jsonPath("$.items.revenue.asOf").value("2018-12-31"))
                .andExpect(jsonPath("$.items.operatingIncome.value").value(OPERATING))
                .andExpect(jsonPath("$.items.netIncome.value").value(NET))
                .andExpect(jsonPath("$.items.totalEquity.value").value(EQUITY))
                .andExpect(jsonPath("$.items.roe.value").value(closeTo(NET / EQUITY * 100, 1e-9)))
                .andExpect(jsonPath("$.items.roe.unit").value("%"))
                .andExpect(jsonPath("$.items.debtRatio.value").value(closeTo(LIABILITIES / EQUITY * 100, 1e-9)))
                .andExpect(jsonPath("$.items.operatingMargin.value").value(closeTo(OPERATING / REVENUE * 100, 1e-9)))
                .andExpect(jsonPath("$.items.revenueGrowthYoY.value")
                        .value(closeTo((REVENUE - PRIOR_REVENUE) / PRIOR_REVENUE * 100, 1e-9)))
                .andExpect(jsonPath("$.items.marketCap.value").value(MARKET_CAP))
                .andExpect(jsonPath("$.items.marketCap.asOf").value("2026-07-21"))
                .andExpect(jsonPath("$.statements.length()").value(1))
                .andExpect(jsonPath("$.statements[0].report").value("ANNUAL"))
                .andExpect(jsonPath("$.statements[0].fiscalYear").value(2018))
                .andExpect(jsonPath("$.statements[0].consolidated").value(true))
                .andExpect(jsonPath("$.statements[0].receiptNo").value("20190401004781"))
                .andExpect(jsonPath("$.statements[0].periodStart").value("2018-01-01"));

        List<RecordedRequest> calls = DART.requests("/api/fnlttSinglAcnt.json");
        assertThat(calls).allSatisfy(r -> assertThat(r.getRequestUrl().queryParameter("corp_code"))
                .isEqualTo("00126380")); // 005930 → corp code from corpCode.xml
        assertThat(calls.subList(0, 2)).extracting(r -> r.getRequestUrl().queryParameter("bsns_year"))
                .containsExactly(String.valueOf(lastYear), String.valueOf(lastYear - 1));
        assertThat(calls.subList(2, calls.size())).as("then only quarterly reports, newest first")
                .extracting(r -> r.getRequestUrl().queryParameter("reprt_code")).isNotEmpty()
                .allSatisfy(code -> assertThat(code).isIn("11014", "11012", "11013")).hasSizeLessThanOrEqualTo(6);

        int before = DART.count("/api/fnlttSinglAcnt.json");
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(jsonPath("$.items.netIncome.value").value(NET));
        assertThat(DART.count("/api/fnlttSinglAcnt.json")).as("cached in Redis for a day").isEqualTo(before);
        assertThat(redis.getExpire("stockradar:md:doc:dart-statements-v1:005930.KS:fresh"))
                .isBetween(86_000L, 86_400L);
    }

    @Test
    @Order(2)
    void internalFundamentalsGiveTheAgentsFieldsFromDart() throws Exception {
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\",\"AAPL\",\"^KS11\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("dart"))
                .andExpect(jsonPath("$.items['005930.KS'].source").value("dart"))
                .andExpect(jsonPath("$.items['005930.KS'].asOf").value("2018-12-31"))
                .andExpect(jsonPath("$.items['005930.KS'].periodType").value("ANNUAL"))
                .andExpect(jsonPath("$.items['005930.KS'].revenue").value(REVENUE))
                .andExpect(jsonPath("$.items['005930.KS'].operatingIncome").value(OPERATING))
                .andExpect(jsonPath("$.items['005930.KS'].netIncome").value(NET))
                .andExpect(jsonPath("$.items['005930.KS'].roe").value(closeTo(NET / EQUITY * 100, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].per").value(closeTo(MARKET_CAP / NET, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].pbr").value(closeTo(MARKET_CAP / EQUITY, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].debtRatio").value(closeTo(LIABILITIES / EQUITY * 100, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].operatingMargin")
                        .value(closeTo(OPERATING / REVENUE * 100, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].revenueGrowthYoY")
                        .value(closeTo((REVENUE - PRIOR_REVENUE) / PRIOR_REVENUE * 100, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].operatingIncomeGrowthYoY")
                        .value(closeTo((OPERATING - PRIOR_OPERATING) / PRIOR_OPERATING * 100, 1e-9)))
                .andExpect(jsonPath("$.items['005930.KS'].marketCapAsOf").value("2026-07-21"))
                .andExpect(jsonPath("$.items['005930.KS'].stale").value(false))
                .andExpect(jsonPath("$.missing").value(org.hamcrest.Matchers.contains("AAPL", "^KS11")))
                .andExpect(jsonPath("$.unavailable").isEmpty());
    }

    @Test
    @Order(3)
    void separateStatementsAreUsedWhenTheCompanyFilesNoConsolidatedOnes() throws Exception {
        answerAnnualOfTheYearBefore(samsung2018(row -> "OFS".equals(row.path("fs_div").asString())));

        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.statements[0].consolidated").value(false))
                .andExpect(jsonPath("$.items.revenue.value").value(170_381_870e6))
                .andExpect(jsonPath("$.items.netIncome.value").value(32_815_127e6));
    }

    @Test
    @Order(4)
    void aCompanyWithoutFilings013HasNoFiguresWhichIsNotAnError() throws Exception {
        DART.on("/api/fnlttSinglAcnt.json", json(NO_DATA));

        mvc.perform(authenticated(get("/api/market/companies/000660.KS/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("dart"))
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.note").value(containsString("no periodic report")));
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"000660.KS\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.missing[0]").value("000660.KS"))
                .andExpect(jsonPath("$.unavailable").isEmpty());
    }

    @Test
    @Order(5)
    void limitExceeded020IsRetriedWithinTheDeadlineThen503WithRetryAfter() throws Exception {
        DART.on("/api/fnlttSinglAcnt.json", json(LIMIT));

        long started = System.nanoTime();
        mvc.perform(authenticated(get("/api/market/companies/035420.KS/financials")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("UPSTREAM_UNAVAILABLE"))
                .andExpect(jsonPath("$.detail").value(containsString("020")));
        assertThat((System.nanoTime() - started) / 1_000_000).as("within the 2 s deadline").isLessThan(2_500);
        assertThat(DART.count("/api/fnlttSinglAcnt.json")).as("backed off and retried").isGreaterThan(1);

        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"035420.KS\"]}")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"));
    }

    @Test
    @Order(6)
    void whenDartFailsAfterExpiryTheLastGoodFiguresAreServedMarkedStale() throws Exception {
        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(jsonPath("$.stale").value(false));
        redis.delete(List.of("stockradar:md:doc:dart-statements-v1:005930.KS",
                "stockradar:md:doc:dart-statements-v1:005930.KS:fresh")); // a day has passed
        DART.on("/api/fnlttSinglAcnt.json", json(LIMIT));

        mvc.perform(authenticated(get("/api/market/companies/005930.KS/financials")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.stale").value(true))
                .andExpect(jsonPath("$.items.netIncome.value").value(NET));
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\",\"035420.KS\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items['005930.KS'].stale").value(true))
                .andExpect(jsonPath("$.missing[0]").value("035420.KS"))
                .andExpect(jsonPath("$.unavailable[0]").value("035420.KS"));
    }

    @Test
    @Order(7)
    void aRejectedKeyMakesTheServiceReportItselfMisconfigured() throws Exception {
        DART.on("/api/fnlttSinglAcnt.json", json("{\"status\":\"011\",\"message\":\"사용할 수 없는 키입니다.\"}"));

        mvc.perform(authenticated(get("/api/market/companies/066570.KS/financials")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.detail").value(containsString("misconfigured")));
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.dart.status").value("OUT_OF_SERVICE"))
                .andExpect(jsonPath("$.components.dart.details.dart").value("misconfigured"));
    }
}
