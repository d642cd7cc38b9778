package io.stockradar.marketdata.financials;

import com.jayway.jsonpath.JsonPath;
import io.stockradar.marketdata.IntegrationTestSupport;
import io.stockradar.marketdata.provider.FundamentalsHistory;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.ReportedFigures;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import io.stockradar.marketdata.provider.SharesOutstanding;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /internal/fundamentals} on the bundled, dated fundamentals (demo provider): what an agent is
 * given on an analysis date was public on that date, hand-checked figures, and absence as null.
 */
class PointInTimeFundamentalsIntegrationTests extends IntegrationTestSupport {

    private static final double EPS = 1e-6;

    @Autowired
    FundamentalsHistory history;

    @Test
    void noFactReturnedIsDatedAfterTheAnalysisDateForAnySymbolOfTheDataset() throws Exception {
        for (Market market : Market.values()) {
            List<String> symbols = provider.securities().stream()
                    .filter(s -> s.market() == market && s.type() == SecurityType.STOCK).map(Security::symbol).toList();
            for (LocalDate date : sampleDates(market)) {
                String body = fundamentals(symbols, date);
                Map<String, Map<String, Object>> items = JsonPath.read(body, "$.items");
                assertThat(items).as("%s on %s", market, date).isNotEmpty();
                for (Map<String, Object> item : items.values()) {
                    String what = item.get("symbol") + " on " + date;
                    assertThat(item.get("analysisDate")).as(what).isEqualTo(date.toString());
                    assertNotAfter(item.get("availableFrom"), date, what);
                    assertNotAfter(item.get("priceDate"), date, what);
                    assertNotAfter(item.get("asOf"), date, what + " (period end)");
                    List<Map<String, Object>> inputs = cast(item.get("inputs"));
                    assertThat(inputs).as(what).isNotEmpty();
                    for (Map<String, Object> input : inputs) {
                        assertNotAfter(input.get("availableFrom"), date, what + " " + input);
                        assertNotAfter(input.get("periodEnd"), date, what + " " + input);
                    }
                    for (Map<String, Object> flag : this.<List<Map<String, Object>>>cast(item.get("riskFlags"))) {
                        assertNotAfter(flag.get("date"), date, what + " flag " + flag);
                    }
                }
            }
        }
    }

    @Test
    void figuresOnADateAreExactlyThoseOfTheDatasetCutAtThatDate() {
        // The stronger form of the guard: erase from the dataset every row, share count and bar that became
        // public after the date; the answer must not change. A fact from the future can then have no influence.
        for (Security security : provider.securities()) {
            if (security.type() != SecurityType.STOCK) {
                continue;
            }
            for (LocalDate date : sampleDates(security.market())) {
                PointInTimeFundamentals full = new PointInTimeFundamentals(history, provider::dailySeries);
                PointInTimeFundamentals cut = new PointInTimeFundamentals(cutAt(date), symbol -> provider
                        .dailySeries(symbol).map(s -> s.slice(0, s.indexOnOrAfter(date.plusDays(1)))));
                assertThat(full.at(security.symbol(), date)).as(security.symbol() + " on " + date)
                        .isEqualTo(cut.at(security.symbol(), date));
            }
        }
    }

    @Test
    void usFiguresMatchTheFilingsByHand() throws Exception {
        // Analysis date 2026-02-25 (US demo "today"); closes of that day from bars-us.csv.gz.
        // AAPL: 10-Qs for the quarters ended 2025-03-29 (filed 2025-05-02), 2025-06-28 (2025-08-01), 2025-12-27
        // (2026-01-30) and Q4 = FY2025 10-K (filed 2025-10-31) minus Q1-Q3. Net income 24,780 + 23,434 + 27,466
        // + 42,097 = 117,777 M USD; revenue 95,359 + 94,036 + 102,466 + 143,756 = 435,617 M; operating income
        // 29,589 + 28,202 + 32,427 + 50,852 = 141,070 M. Equity 73,733 M and 15,004,697,000 diluted shares from
        // the FY2025 10-K. Close 274.2300109863281.
        double aaplCap = 274.2300109863281 * 15_004_697_000.0;
        // MSFT: quarters ended 2025-03-31 (10-Q 2025-04-30), 2025-06-30 (FY2025 10-K 2025-07-30 minus Q1-Q3),
        // 2025-09-30 (2025-10-29), 2025-12-31 (2026-01-28): net income 25,824 + 27,233 + 27,747 + 38,458 =
        // 119,262 M; revenue 70,066 + 76,441 + 77,673 + 81,273 = 305,453 M; operating income 32,000 + 34,323 +
        // 37,961 + 38,275 = 142,559 M. Equity 343,479 M, 7,465,000,000 shares (FY2025 10-K). Close 400.6000061035156.
        double msftCap = 400.6000061035156 * 7_465_000_000.0;
        // INTC: FY2025 10-K filed 2026-01-23 (period end = its latest quarter): net income -267 M (a loss),
        // revenue 52,853 M, operating income -2,214 M, equity 114,281 M, 4,530,000,000 shares. Close 46.880001068115234.
        double intcCap = 46.880001068115234 * 4_530_000_000.0;
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"AAPL\",\"MSFT\",\"INTC\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf.US").value("2026-02-25"))
                .andExpect(jsonPath("$.items.AAPL.periodType").value("TTM"))
                .andExpect(jsonPath("$.items.AAPL.asOf").value("2025-12-27"))
                .andExpect(jsonPath("$.items.AAPL.netIncome").value(117_777e6))
                .andExpect(jsonPath("$.items.AAPL.per").value(closeTo(aaplCap / 117_777e6, EPS), Double.class))
                .andExpect(jsonPath("$.items.AAPL.roe").value(closeTo(117_777.0 / 73_733.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items.AAPL.operatingMargin").value(closeTo(141_070.0 / 435_617.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items.AAPL.pbr").value(closeTo(aaplCap / 73_733e6, EPS), Double.class))
                .andExpect(jsonPath("$.items.MSFT.periodType").value("TTM"))
                .andExpect(jsonPath("$.items.MSFT.per").value(closeTo(msftCap / 119_262e6, EPS), Double.class))
                .andExpect(jsonPath("$.items.MSFT.roe").value(closeTo(119_262.0 / 343_479.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items.MSFT.operatingMargin").value(closeTo(142_559.0 / 305_453.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items.INTC.periodType").value("ANNUAL"))
                .andExpect(jsonPath("$.items.INTC.asOf").value("2025-12-27"))
                .andExpect(jsonPath("$.items.INTC.per").value(closeTo(intcCap / -267e6, EPS), Double.class))
                .andExpect(jsonPath("$.items.INTC.roe").value(closeTo(-267.0 / 114_281.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items.INTC.operatingMargin").value(closeTo(-2_214.0 / 52_853.0 * 100, EPS), Double.class));
    }

    @Test
    void krFiguresMatchTheFilingsByHand() throws Exception {
        // Analysis date 2025-06-16 (KR demo "today"); closes of that day from bars-kr.csv.gz; listed shares from
        // the KIS master of 2025-05-23. TTM = FY2024 (사업보고서, public 2025-03-31; numbers as the comparative
        // column of the FY2025 report) + Q1 2025 (1분기보고서, 2025-05-15) − Q1 2024 (comparative in the same
        // Q1 2025 report); equity from the Q1 2025 balance sheet. Amounts in million KRW.
        // 삼성전자: net income 34,451,351 + 8,222,878 − 6,754,708 = 35,919,521; revenue 300,870,903 + 79,140,503
        // − 71,915,601 = 308,095,805; operating income 32,725,961 + 6,685,272 − 6,606,009 = 32,805,224;
        // equity 406,614,269; 5,919,637,000 shares × 57,200.
        double samsungCap = 57_200.0 * 5_919_637_000.0;
        // SK하이닉스: net income 19,796,902 + 8,108,195 − 1,917,039 = 25,988,058; revenue 66,192,960 + 17,639,141
        // − 12,429,598 = 71,402,503; operating income 23,467,319 + 7,440,504 − 2,886,029 = 28,021,794;
        // equity 81,438,753; 728,002,000 shares × 248,000.
        double hynixCap = 248_000.0 * 728_002_000.0;
        // 카카오 (a trailing loss): net income −161,870.567171 + 200,334.090266 − 67,674.669112 = −29,211.146017;
        // revenue 7,864,033.326475 + 1,863,730.780367 − 1,988,350.132018; operating income 495,277.757353
        // + 105,400.864741 − 120,294.085011; equity 14,335,322.085551; 441,711,000 shares × 53,200.
        double kakaoCap = 53_200.0 * 441_711_000.0;
        double kakaoNet = -161_870_567_171.0 + 200_334_090_266.0 - 67_674_669_112.0;
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\",\"000660.KS\",\"035720.KS\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf.KR").value("2025-06-16"))
                .andExpect(jsonPath("$.items['005930.KS'].periodType").value("TTM"))
                .andExpect(jsonPath("$.items['005930.KS'].asOf").value("2025-03-31"))
                .andExpect(jsonPath("$.items['005930.KS'].netIncome").value(35_919_521e6))
                .andExpect(jsonPath("$.items['005930.KS'].per").value(closeTo(samsungCap / 35_919_521e6, EPS), Double.class))
                .andExpect(jsonPath("$.items['005930.KS'].roe").value(closeTo(35_919_521.0 / 406_614_269.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items['005930.KS'].operatingMargin")
                        .value(closeTo(32_805_224.0 / 308_095_805.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items['000660.KS'].per").value(closeTo(hynixCap / 25_988_058e6, EPS), Double.class))
                .andExpect(jsonPath("$.items['000660.KS'].roe").value(closeTo(25_988_058.0 / 81_438_753.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items['000660.KS'].operatingMargin")
                        .value(closeTo(28_021_794.0 / 71_402_503.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items['035720.KS'].netIncome").value(kakaoNet))
                .andExpect(jsonPath("$.items['035720.KS'].per").value(closeTo(kakaoCap / kakaoNet, EPS), Double.class))
                .andExpect(jsonPath("$.items['035720.KS'].roe").value(closeTo(kakaoNet / 14_335_322_085_551.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items['035720.KS'].operatingMargin").value(closeTo(
                        (495_277_757_353.0 + 105_400_864_741.0 - 120_294_085_011.0)
                                / (7_864_033_326_475.0 + 1_863_730_780_367.0 - 1_988_350_132_018.0) * 100, EPS), Double.class));
    }

    @Test
    void anEarlierAnalysisDateSeesOnlyWhatWasPublicThen() throws Exception {
        // On 2025-05-14 Samsung's Q1 2025 report (deadline 2025-05-15) is not public yet: the latest figures are
        // FY2024 (public 2025-03-31), equity from the FY2024 year-end, and the share count of 2024-10-25.
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\",\"AAPL\"],\"asOf\":\"2025-05-14\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items['005930.KS'].periodType").value("ANNUAL"))
                .andExpect(jsonPath("$.items['005930.KS'].asOf").value("2024-12-31"))
                .andExpect(jsonPath("$.items['005930.KS'].netIncome").value(34_451_351e6))
                .andExpect(jsonPath("$.items['005930.KS'].roe").value(closeTo(34_451_351.0 / 402_192_070.0 * 100, EPS), Double.class))
                .andExpect(jsonPath("$.items['005930.KS'].priceDate").value("2025-05-14"))
                .andExpect(jsonPath("$.items['005930.KS'].inputs[?(@.kind=='SHARES')].periodEnd").value(hasItem("2024-10-25")))
                // AAPL on that day: its 10-Q of 2025-05-02 is in, the one of 2025-08-01 is not
                .andExpect(jsonPath("$.items.AAPL.asOf").value("2025-03-29"))
                .andExpect(jsonPath("$.items.AAPL.inputs[*].periodEnd").value(not(hasItem("2025-06-28"))));
    }

    @Test
    void missingFiguresAreAbsentNeverZero() throws Exception {
        // XOM: the SEC extract has no rows for it (registrant change): no item at all, listed as missing.
        // JPM: banks report no operating income: operatingIncome and the margin are null, the rest is there.
        // Samsung on 2024-01-15: no KIS master before 2024-02-16, so no share count: no market cap, PER, PBR.
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"XOM\",\"JPM\"]}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.XOM").doesNotExist())
                .andExpect(jsonPath("$.missing").value(hasItem("XOM")))
                .andExpect(jsonPath("$.items.JPM.netIncome").isNumber())
                .andExpect(jsonPath("$.items.JPM.per").isNumber())
                .andExpect(jsonPath("$.items.JPM.operatingIncome").value(nullValue()))
                .andExpect(jsonPath("$.items.JPM.operatingMargin").value(nullValue()))
                .andExpect(jsonPath("$.items.JPM.operatingIncomeGrowthYoY").value(nullValue()));
        mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"symbols\":[\"005930.KS\"],\"asOf\":\"2024-01-15\"}")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items['005930.KS'].roe").isNumber())
                .andExpect(jsonPath("$.items['005930.KS'].marketCap").value(nullValue()))
                .andExpect(jsonPath("$.items['005930.KS'].per").value(nullValue()))
                .andExpect(jsonPath("$.items['005930.KS'].pbr").value(nullValue()));
    }

    /** Every other month of the market's price history, plus its demo "today". */
    private List<LocalDate> sampleDates(Market market) {
        LocalDate today = provider.asOf().get(market);
        LocalDate first = market == Market.KR ? LocalDate.of(2023, 12, 6) : LocalDate.of(2023, 1, 4);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(today); d = d.plusMonths(2).plusDays(3)) {
            dates.add(d);
        }
        dates.add(today);
        return dates;
    }

    private FundamentalsHistory cutAt(LocalDate date) {
        return new FundamentalsHistory() {
            @Override
            public List<ReportedFigures> reported(String symbol) {
                return history.reported(symbol).stream().filter(r -> !r.availableFrom().isAfter(date)).toList();
            }

            @Override
            public List<SharesOutstanding> shares(String symbol) {
                return history.shares(symbol).stream().filter(s -> !s.date().isAfter(date)).toList();
            }
        };
    }

    private String fundamentals(List<String> symbols, LocalDate date) throws Exception {
        String json = "{\"symbols\":[\"" + String.join("\",\"", symbols) + "\"],\"asOf\":\"" + date + "\"}";
        return mvc.perform(asService(post("/internal/fundamentals").contentType(MediaType.APPLICATION_JSON).content(json)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static void assertNotAfter(Object isoDate, LocalDate date, String what) {
        if (isoDate != null) {
            assertThat(LocalDate.parse(isoDate.toString())).as(what).isBeforeOrEqualTo(date);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T cast(Object o) {
        return (T) Optional.ofNullable(o).orElse(List.of());
    }
}
