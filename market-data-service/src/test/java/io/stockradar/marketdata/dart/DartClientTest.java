package io.stockradar.marketdata.dart;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.Recordings;
import io.stockradar.marketdata.upstream.UpstreamStub;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.stockradar.marketdata.upstream.Recordings.dart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenDART client against a local stub replaying real recorded DART responses (upstream/SOURCES.md). */
class DartClientTest {

    static final String KEY = "0123456789abcdef0123456789abcdef01234567";
    /** The exact real body (kenshin579/opendart-go plan doc, verified by real calls). */
    static final String NO_DATA = "{\"status\":\"013\",\"message\":\"조회된 데이타가 없습니다.\"}";

    private final UpstreamStub stub = new UpstreamStub();

    @AfterEach
    void stop() {
        stub.close();
    }

    static DartProperties properties(String baseUrl, String key, Duration deadline) {
        return new DartProperties(true, URI.create(baseUrl), key, Duration.ofSeconds(1), Duration.ofSeconds(10),
                deadline, Duration.ofDays(90), Duration.ofDays(1), Duration.ofMinutes(15),
                new DartProperties.Retry(Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 0.5, 4),
                new DartProperties.Limits(9.7, 10000, 2, 10, Duration.ofMillis(30), Duration.ofMillis(10), "test:dart"));
    }

    private DartClient client(String key) {
        return client(key, Duration.ofSeconds(2));
    }

    private DartClient client(String key, Duration deadline) {
        return DartConfiguration.client(properties(stub.baseUrl(), key, deadline), JsonMapper.builder().build(),
                d -> { }, Clock.systemUTC());
    }

    private static MockResponse status(String status, String message) {
        return new MockResponse().setHeader("Content-Type", "application/json;charset=UTF-8")
                .setBody("{\"status\":\"" + status + "\",\"message\":\"" + message + "\"}");
    }

    @Test
    void corpCodeZipIsParsedAsAStreamIntoStockCodeToCorpCode() {
        stub.on("/api/corpCode.xml", new MockResponse().setHeader("Content-Type", "application/x-msdownload")
                .setBody(new Buffer().write(Recordings.bytes("upstream/dart/corp_codes.zip"))));

        CorpCodes codes = client(KEY).corpCodes();

        assertThat(codes.entries()).isEqualTo(97_484);
        assertThat(codes.byStockCode()).hasSize(3_549);
        assertThat(codes.newest()).isEqualTo(LocalDate.of(2023, 3, 2));
        assertThat(codes.forStockCode("005930").orElseThrow().corpCode()).isEqualTo("00126380");
        assertThat(codes.forStockCode("005930").orElseThrow().name()).isEqualTo("삼성전자");
        assertThat(codes.forStockCode("000660").orElseThrow().corpCode()).isEqualTo("00164779");
        assertThat(codes.forStockCode("066570").orElseThrow().corpCode()).isEqualTo("00401731");
        assertThat(codes.forStockCode("035420").orElseThrow().corpCode()).isEqualTo("00266961");
        assertThat(codes.forCorpCode("00293886").orElseThrow().stockCode()).isEqualTo("044340");
        assertThat(stub.requests("/api/corpCode.xml").getFirst().getRequestUrl().queryParameter("crtfc_key"))
                .isEqualTo(KEY);
    }

    @Test
    void corpCodeErrorArrivesAsXmlInsteadOfAZipAndAKeyProblemMeansMisconfigured() {
        // The documented XML envelope (cpaikr/opendart observed it with an invalid key; no recording exists).
        stub.on("/api/corpCode.xml", new MockResponse().setHeader("Content-Type", "application/xml;charset=UTF-8")
                .setBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><result><status>010</status>"
                        + "<message>등록되지 않은 인증키입니다.</message></result>"));
        DartClient client = client(KEY);

        assertThatThrownBy(client::corpCodes).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("misconfigured").hasMessageContaining("010");
        assertThat(client.misconfiguration()).contains("010").contains("등록되지 않은 인증키입니다.");
    }

    @Test
    void companyIsRead() {
        stub.on("/api/company.json", dart("company_00126380.json"));

        DartCompany company = client(KEY).company("00126380").orElseThrow();

        assertThat(company).isEqualTo(new DartCompany("00126380", "삼성전자(주)", "삼성전자", "005930", "Y", "264", "12"));
        RecordedRequest request = stub.requests("/api/company.json").getFirst();
        assertThat(request.getRequestUrl().queryParameter("corp_code")).isEqualTo("00126380");
    }

    @Test
    void filingsAreReadPageByPage() {
        // finacolada snapshot: page_count 3, total_page 5 (the stub answers every page with the recorded page 1)
        stub.on("/api/list.json", dart("list_corp_code-005930_bgn20230101_end20230208_page_count3.json"));

        List<DartFiling> filings = client(KEY).filings("00126380", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 2, 8));

        assertThat(stub.requests("/api/list.json")).extracting(r -> r.getRequestUrl().queryParameter("page_no"))
                .containsExactly("1", "2", "3", "4", "5");
        RecordedRequest first = stub.requests("/api/list.json").getFirst();
        assertThat(first.getRequestUrl().queryParameter("bgn_de")).isEqualTo("20230101");
        assertThat(first.getRequestUrl().queryParameter("end_de")).isEqualTo("20230208");
        assertThat(first.getRequestUrl().queryParameter("corp_code")).isEqualTo("00126380");
        assertThat(filings.getFirst()).isEqualTo(new DartFiling("00126380", "삼성전자", "005930",
                "최대주주등소유주식변동신고서", "20230207800704", LocalDate.of(2023, 2, 7), "삼성전자", "유"));
    }

    @Test
    void noDataIsAnEmptyResultNotAnError() {
        stub.on("/api/list.json", new MockResponse().setBody(NO_DATA));
        stub.on("/api/fnlttSinglAcnt.json", new MockResponse().setBody(NO_DATA));
        DartClient client = client(KEY);

        assertThat(client.filings("00126380", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2))).isEmpty();
        assertThat(client.singleAccounts("00126380", 2014, "11011")).isEmpty();
        assertThat(client.misconfiguration()).isNull();
    }

    @Test
    void limitExceededBacksOffAndRetries() {
        AtomicInteger calls = new AtomicInteger();
        stub.on("/api/company.json", request -> calls.incrementAndGet() == 1
                ? status("020", "요청 제한을 초과하였습니다.") : dart("company_00126380.json"));

        assertThat(client(KEY).company("00126380")).isPresent();
        assertThat(stub.count("/api/company.json")).isEqualTo(2);
    }

    @Test
    void persistentLimitExceededIs503WithRetryAfterWithoutSleepingPastTheDeadline() {
        stub.on("/api/company.json", request -> status("020", "요청 제한을 초과하였습니다."));
        stub.on("/api/list.json", new MockResponse().setBody(NO_DATA));
        DartProperties base = properties(stub.baseUrl(), KEY, Duration.ofMillis(400));
        // backoff starts at 1 s: more than the 400 ms deadline leaves, so no sleep at all
        DartProperties slowBackoff = new DartProperties(true, base.baseUrl(), KEY, base.connectTimeout(),
                base.readTimeout(), base.deadline(), base.disclosureWindow(), base.corpCodesTtl(),
                base.disclosureCacheTtl(),
                new DartProperties.Retry(Duration.ofSeconds(1), Duration.ofSeconds(2), 2.0, 0.2, 4), base.limits());
        DartClient client = DartConfiguration.client(slowBackoff, JsonMapper.builder().build(), d -> { },
                Clock.systemUTC());
        client.filings("00126380", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2)); // warm up the connection

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.company("00126380"))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("020")
                .satisfies(e -> assertThat(((UpstreamUnavailableException) e).getHeaders().getFirst("Retry-After"))
                        .isNotBlank());
        // a backoff sleep (>= 800 ms) would have been followed by a second call
        assertThat(stub.count("/api/company.json")).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(800));
    }

    @Test
    void rejectedKeyMakesTheServiceMisconfiguredAndLaterCallsFailFastWithoutCallingDart() {
        stub.on("/api/company.json", request -> status("011", "사용할 수 없는 키입니다."));
        DartClient client = client(KEY);
        CorpCodeDirectory corpCodes = new CorpCodeDirectory(client, properties(stub.baseUrl(), KEY, Duration.ofSeconds(1)),
                Clock.systemUTC());
        DartHealthIndicator health = new DartHealthIndicator(client, corpCodes, new RedisRateLimiter(null,
                new DartProperties.Limits(9.7, 10000, 2, 10, Duration.ofMillis(30), Duration.ofMillis(10), "x"), Duration.ofMillis(500), Duration.ofSeconds(1),
                Clock.systemUTC()));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        assertThatThrownBy(() -> client.company("00126380")).isInstanceOf(UpstreamUnavailableException.class)
                .satisfies(e -> assertThat(((ApiProblem) e).getStatusCode().value()).isEqualTo(503));
        assertThatThrownBy(() -> client.company("00126380")).isInstanceOf(UpstreamUnavailableException.class);

        assertThat(stub.count("/api/company.json")).isEqualTo(1);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(health.health().getDetails()).containsEntry("dart", "misconfigured")
                .containsEntry("limiter", "shared (Redis)").containsEntry("limiterDroppedLate", 0L);
    }

    @Test
    void missingKeyIsMisconfiguredWithoutAnyCall() {
        DartClient client = client("");

        assertThat(client.misconfiguration()).isEqualTo("DART_API_KEY is not set");
        assertThatThrownBy(() -> client.company("00126380")).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("DART_API_KEY is not set");
        assertThat(stub.calls()).isEmpty();
    }

    @Test
    void otherStatusesAreAClearRejection() {
        stub.on("/api/list.json", request -> status("100", "검색기간은 3개월만 가능합니다"));

        assertThatThrownBy(() -> client(KEY).filings("00126380", LocalDate.of(2020, 1, 1), LocalDate.of(2025, 1, 1)))
                .isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).getStatusCode().value()).isEqualTo(502))
                .hasMessageContaining("검색기간은 3개월만 가능합니다");
    }

    @Test
    void theKeyNeverAppearsInAnErrorMessage() {
        stub.close(); // nothing listens any more: connection refused
        DartClient client = DartConfiguration.client(properties(stub.baseUrl(), KEY, Duration.ofMillis(300)),
                JsonMapper.builder().build(), d -> { }, Clock.systemUTC());

        assertThatThrownBy(() -> client.company("00126380")).isInstanceOf(UpstreamUnavailableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void statementsPreferConsolidatedAndFallBackToSeparate() {
        stub.on("/api/fnlttSinglAcnt.json", dart("fnlttSinglAcnt_00293886_2018_11011.json"));
        DartFinancialStatements statements = new DartFinancialStatements(client(KEY));

        DartFinancialStatements.Statement annual = statements.annual("00293886", 2018).orElseThrow();

        assertThat(annual.fsDiv()).isEqualTo("CFS");
        assertThat(annual.revenue()).isEqualTo(330_556_897_475d);
        assertThat(annual.operatingIncome()).isEqualTo(20_571_019_700d);
        assertThat(annual.netIncome()).isEqualTo(18_876_525_531d);
        assertThat(annual.totalAssets()).isEqualTo(220_524_462_134d);
        assertThat(annual.totalEquity()).isEqualTo(118_706_618_587d);
        assertThat(annual.period()).isEqualTo("2018.01.01 ~ 2018.12.31");
        assertThat(annual.currency()).as("the 2020 recording has no currency field").isEqualTo("KRW");
        RecordedRequest request = stub.requests("/api/fnlttSinglAcnt.json").getFirst();
        assertThat(request.getRequestUrl().queryParameter("bsns_year")).isEqualTo("2018");
        assertThat(request.getRequestUrl().queryParameter("reprt_code")).isEqualTo("11011");

        // the same real rows without the CFS ones: a company without consolidated statements
        List<DartAccount> separateOnly = DartClient.accountsOf(JsonMapper.builder().build()
                .readTree(Recordings.text("upstream/dart/fnlttSinglAcnt_00293886_2018_11011.json"))).stream()
                .filter(r -> "OFS".equals(r.fsDiv())).toList();
        DartFinancialStatements.Statement separate = DartFinancialStatements.pick("00293886", 2018, "11011",
                separateOnly).orElseThrow();
        assertThat(separate.fsDiv()).isEqualTo("OFS");
        assertThat(separate.revenue()).isEqualTo(281_970_690_693d);
    }

    @Test
    void latestQuarterIsTheNewestReportWithDataAmongQuartersThatHaveEnded() {
        // 2024-11-20: Q3 2024 (ended 09-30) not filed yet (013); the half-year report exists (the real 2023 annual
        // row stands in for it). Quarters that have not ended are never asked for.
        stub.on("/api/fnlttSinglAcnt.json", request -> "11012".equals(request.getRequestUrl().queryParameter("reprt_code"))
                ? dart("fnlttSinglAcnt.json") : new MockResponse().setBody(NO_DATA));

        DartFinancialStatements.Statement latest = new DartFinancialStatements(client(KEY))
                .latestQuarter("00126380", LocalDate.of(2024, 11, 20)).orElseThrow();

        assertThat(latest.reportCode()).isEqualTo("11012");
        assertThat(stub.requests("/api/fnlttSinglAcnt.json"))
                .extracting(r -> r.getRequestUrl().queryParameter("reprt_code"))
                .containsExactly("11014", "11012");

        stub.reset();
        new DartFinancialStatements(client(KEY)).latestQuarter("00126380", LocalDate.of(2024, 6, 1));
        assertThat(stub.requests("/api/fnlttSinglAcnt.json"))
                .extracting(r -> r.getRequestUrl().queryParameter("reprt_code") + "/"
                        + r.getRequestUrl().queryParameter("bsns_year"))
                .as("Q3 and half-year 2024 have not ended on 2024-06-01")
                .startsWith("11013/2024", "11014/2023");
    }

    @Test
    void quartersCoveredByTheAnnualReportAreNotAskedFor() {
        stub.on("/api/fnlttSinglAcnt.json", new MockResponse().setBody(NO_DATA));

        // 2025-02-10, the FY2024 annual report known: only 2025 quarters could be newer, and none has ended
        assertThat(new DartFinancialStatements(client(KEY))
                .latestQuarter("00126380", LocalDate.of(2025, 2, 10), LocalDate.of(2024, 12, 31))).isEmpty();
        assertThat(stub.count("/api/fnlttSinglAcnt.json")).isZero();

        // 2025-02-10 with FY2023 the newest annual report: Q3, half-year and Q1 of 2024 are asked for
        new DartFinancialStatements(client(KEY))
                .latestQuarter("00126380", LocalDate.of(2025, 2, 10), LocalDate.of(2023, 12, 31));
        assertThat(stub.requests("/api/fnlttSinglAcnt.json"))
                .extracting(r -> r.getRequestUrl().queryParameter("reprt_code") + "/"
                        + r.getRequestUrl().queryParameter("bsns_year"))
                .containsExactly("11014/2024", "11012/2024", "11013/2024");
    }

    @Test
    void aStatementCarriesItsPeriodAndTheFiguresOfAYearEarlier() {
        stub.on("/api/fnlttSinglAcnt.json", dart("fnlttSinglAcnt_00293886_2018_11011.json"));

        io.stockradar.marketdata.provider.FinancialStatement s = new DartFinancialStatements(client(KEY))
                .latestAnnual("00293886", LocalDate.of(2019, 5, 2)).orElseThrow().toFinancialStatement();

        assertThat(s.report()).isEqualTo("ANNUAL");
        assertThat(s.fiscalYear()).isEqualTo(2018);
        assertThat(s.consolidated()).isTrue();
        assertThat(s.periodStart()).isEqualTo(LocalDate.of(2018, 1, 1));
        assertThat(s.periodEnd()).isEqualTo(LocalDate.of(2018, 12, 31));
        assertThat(s.totalLiabilities()).isEqualTo(101_817_843_547d);
        assertThat(s.priorRevenue()).isEqualTo(260_728_203_252d);
        assertThat(s.priorOperatingIncome()).isEqualTo(17_280_441_690d);
        assertThat(s.priorNetIncome()).isEqualTo(11_319_288_393d);
        assertThat(stub.requests("/api/fnlttSinglAcnt.json").getFirst().getRequestUrl().queryParameter("bsns_year"))
                .isEqualTo("2018");
    }

    @Test
    void amountsAreCommaFormattedStringsWithDashForNone() {
        assertThat(DartClient.amount("174,697,424,000,000")).isEqualTo(174_697_424_000_000d);
        assertThat(DartClient.amount("-1,234")).isEqualTo(-1234d);
        assertThat(DartClient.amount("296857289000000")).isEqualTo(296_857_289_000_000d);
        assertThat(DartClient.amount("-")).isNull();
        assertThat(DartClient.amount("")).isNull();
    }
}
