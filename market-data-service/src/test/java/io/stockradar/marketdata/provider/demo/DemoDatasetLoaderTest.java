package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.Security;
import io.stockradar.marketdata.provider.SecurityType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads the bundled dataset once and checks it against rows of the recorded sources. */
class DemoDatasetLoaderTest {

    private static DemoDataset dataset;

    @BeforeAll
    static void load() {
        dataset = DemoDatasetLoader.load(new DefaultResourceLoader(), "classpath:demo-data/");
    }

    @Test
    void loadsEveryBundledSeries() {
        long krStocks = dataset.series().values().stream()
                .filter(s -> s.market() == Market.KR && !s.symbol().startsWith("^")).count();
        long usStocks = dataset.series().values().stream()
                .filter(s -> s.market() == Market.US && !s.symbol().startsWith("^")).count();
        assertThat(krStocks).isEqualTo(347);
        assertThat(usStocks).isEqualTo(503);
        assertThat(dataset.series()).containsKeys("^KS11", "^KQ11", "^KS200", "^GSPC", "^VIX");
        assertThat(dataset.asOf()).containsEntry(Market.KR, LocalDate.of(2025, 6, 16))
                .containsEntry(Market.US, LocalDate.of(2026, 2, 25));
        assertThat(dataset.universes().get("KOSPI200").symbols()).hasSize(200);
        assertThat(dataset.universes().get("KOSDAQ150").symbols()).hasSize(150);
        assertThat(dataset.universes().get("SP500").symbols()).hasSize(503);
    }

    @Test
    void samsungCloseOnTheDemoTodayEqualsTheSourceRow() {
        // pykrx source row: 2025-06-16,005930,삼성전자,58000,58100,56900,57200,22200872
        DailySeries samsung = dataset.series().get("005930.KS");
        int last = samsung.size() - 1;
        assertThat(samsung.date(last)).isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(samsung.open()[last]).isEqualTo(58000);
        assertThat(samsung.high()[last]).isEqualTo(58100);
        assertThat(samsung.low()[last]).isEqualTo(56900);
        assertThat(samsung.close()[last]).isEqualTo(57200);
        assertThat(samsung.adjClose()[last]).isEqualTo(57200);
        assertThat(samsung.volume()[last]).isEqualTo(22_200_872L);
        assertThat(samsung.date(0)).isEqualTo(LocalDate.of(2023, 12, 5));
    }

    @Test
    void skipsHaltedBarsAndKeepsRoundingArtefacts() {
        // 000670 (영풍) has "2025-04-14,0,0,0,36750,0" rows in the source: a halted stock.
        DailySeries youngpoong = dataset.series().get("000670.KS");
        assertThat(youngpoong.indexOnOrAfter(LocalDate.of(2025, 4, 14)))
                .satisfies(i -> assertThat(youngpoong.date(i)).isAfter(LocalDate.of(2025, 4, 18)));
        // 132 halted rows (open=high=low=0) are skipped. 17 rounding artefacts are kept: 14 pykrx rows whose
        // adjusted close is high + 1 KRW and 3 yfinance rows (CNP 2025-02-11, SW 2023-11-02/03) off by 1e-15.
        assertThat(dataset.flagged()).containsEntry(BarIssue.HALTED, 132)
                .containsEntry(BarIssue.OHLC_ROUNDING, 17)
                .containsEntry(BarIssue.PRICE_LIMIT, 0)
                .containsEntry(BarIssue.INCONSISTENT_OHLC, 0);
        // 2023-12-07 close 52110 > high 52109: adjusted-price rounding, kept verbatim.
        int i = youngpoong.indexOnOrAfter(LocalDate.of(2023, 12, 7));
        assertThat(youngpoong.close()[i]).isEqualTo(52110);
        assertThat(youngpoong.high()[i]).isEqualTo(52109);
    }

    @Test
    void mapsKrxCodesToYahooSymbolsByMarket() {
        Security kakao = dataset.securities().get("035720.KS");
        assertThat(kakao.exchange()).isEqualTo("KOSPI");
        assertThat(kakao.nameKo()).isEqualTo("카카오");
        Security alteogen = dataset.securities().get("196170.KQ");
        assertThat(alteogen.exchange()).isEqualTo("KOSDAQ");
        assertThat(alteogen.universes()).containsExactly("KOSDAQ150");
        Security samsung = dataset.securities().get("005930.KS");
        assertThat(samsung.marketCap()).isEqualTo(15_141_861e8);
        assertThat(samsung.dartCorpCode()).isEqualTo("00126380");
        assertThat(samsung.sector()).isEqualTo("Information Technology");
        assertThat(dataset.securities().get("BRK-B").sector()).isEqualTo("Financials");
        assertThat(dataset.securities().get("^KS11").type()).isEqualTo(SecurityType.INDEX);
    }

    @Test
    void membersWithoutABundledSeriesStayMembersWithoutBars() {
        // 0126Z0 (삼성에피스홀딩스) joined KOSPI 200 after the pykrx download.
        assertThat(dataset.universes().get("KOSPI200").symbols()).contains("0126Z0.KS");
        assertThat(dataset.series()).doesNotContainKey("0126Z0.KS");
    }

    @Test
    void krIndicesCoverEnoughHistoryForSma200AndAYearOfPercentiles() {
        DailySeries kospi = dataset.series().get("^KS11");
        assertThat(kospi.date(0)).isEqualTo(LocalDate.of(2022, 6, 2));
        assertThat(kospi.lastDate()).isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(kospi.size()).isGreaterThan(450);
    }
}
