package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Verdicts.codes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenerEngineTest {

    private static final LocalDate INDEX_END = LocalDate.of(2026, 3, 20);

    private final ScreenerEngine engine = new ScreenerEngine(EngineSettings.defaults());

    /** KOSPI and three real KR stocks (yfinance adjusted), cut at the index's last date. */
    static MarketInput realKr() {
        PriceSeries ks11 = Bars.load("krx_index_kospi_ks11_daily_2024-09_2026-03.csv", "^KS11");
        List<Stock> universe = List.of(
                new Stock("005930.KS", "삼성전자", "KR", "IT", null,
                        until(Bars.load("yfinance_adjusted_005930.KS_amars78.csv", "005930.KS"), INDEX_END), null),
                new Stock("000660.KS", "SK하이닉스", "KR", "IT", null,
                        until(Bars.load("yfinance_adjusted_000660.KS_amars78.csv", "000660.KS"), INDEX_END), null),
                new Stock("035720.KS", "카카오", "KR", "Communication", null,
                        until(Bars.load("yfinance_adjusted_035720.KS_amars78.csv", "035720.KS"), INDEX_END), null));
        return new MarketInput("KR", ks11, null, universe);
    }

    @Test
    void analysesRealKoreanSeriesWithEveryAgentAndAConsistentVerdict() {
        MarketInput market = realKr();
        List<StockAnalysis> results = engine.analyze(market, List.of("035720.KS", "005930.KS"));

        assertThat(results).extracting(StockAnalysis::symbol).containsExactly("035720.KS", "005930.KS");
        RegimeAssessment regime = engine.assessRegime(market);
        for (StockAnalysis a : results) {
            assertThat(a.agents()).containsOnlyKeys("regime", "sector", "technical", "fundamental", "risk");
            assertThat(a.agents().get("fundamental").abstained()).isTrue();
            assertThat(codes(a.agents().get("fundamental").signals())).containsExactly("NO_FUNDAMENTALS");
            assertThat(a.agents().get("technical").abstained()).isFalse();
            assertThat(a.agents().get("risk").abstained()).isFalse();
            assertThat(a.agents().get("sector").abstained()).isFalse();
            assertThat(a.agents().get("regime").score()).isEqualTo(regime.riskAppetite());
            assertThat(a.regime()).isEqualTo(regime.regime());
            assertThat(a.weights()).isEqualTo(EngineSettings.defaults().weightsFor(regime.regime()));
            double expected = weightedMean(a);
            assertThat(a.composite()).isCloseTo(expected, within(0.005));
            assertThat(a.grade()).isEqualTo(Synthesizer.grade(a.composite()));
            assertThat(a.lastClose()).isEqualTo(Bars.load(file(a.symbol()), a.symbol()).close()[indexOf(a.symbol())]);
            assertThat(a.riskPlan().stopLevel()).isLessThan(a.lastClose());
            assertThat(a.riskPlan().liquid()).isTrue();
            assertThat(a.rationale().ko()).contains("주요 요인: 1)");
            assertThat(a.rationale().en()).contains("Top factors: 1)");
            a.agents().values().forEach(r -> r.signals().forEach(s -> {
                assertThat(Double.isFinite(s.value())).isTrue();
                assertThat(s.text().ko()).isNotBlank();
                assertThat(s.text().en()).isNotBlank();
            }));
        }
        SectorTable sectors = engine.rankSectors(market);
        assertThat(sectors.sectors()).extracting(SectorRow::sector).containsExactlyInAnyOrder("IT", "Communication");
        assertThat(sectors.asOf()).isEqualTo(INDEX_END);
    }

    @Test
    void aUniverseOfTheMarketIsAnalysedUnderTheMarketsRegime() {
        MarketInput market = realKr();
        // one index's members: its own breadth (and so risk appetite) differs from the whole market's
        MarketInput universe = new MarketInput("KR", market.benchmark(), null, List.of(market.universe().get(2)));
        RegimeAssessment marketRegime = engine.assessRegime(market);
        assertThat(engine.assessRegime(universe).riskAppetite()).isNotEqualTo(marketRegime.riskAppetite());

        List<StockAnalysis> results = engine.analyze(universe, market, List.of("035720.KS"));

        StockAnalysis kakao = results.getFirst();
        assertThat(kakao.agents().get("regime").score()).isEqualTo(marketRegime.riskAppetite());
        assertThat(kakao.regime()).isEqualTo(marketRegime.regime());
        assertThat(kakao.weights()).isEqualTo(EngineSettings.defaults().weightsFor(marketRegime.regime()));
        // sector statistics stay those of the universe (one stock: its sector ranks alone)
        assertThat(kakao.agents().get("sector").score()).isEqualTo(engine.analyze(universe, List.of("035720.KS"))
                .getFirst().agents().get("sector").score());
        assertThatThrownBy(() -> engine.analyze(universe, new MarketInput("US", market.benchmark(), null, List.of()),
                List.of("035720.KS"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameInputGivesTheSameOutputAndTheParallelPathMatchesOneByOne() {
        MarketInput market = syntheticMarket(16);
        List<StockAnalysis> all = engine.analyze(market, null); // 16 stocks: parallel
        assertThat(all).hasSize(16);
        assertThat(engine.analyze(market, null)).isEqualTo(all);
        List<StockAnalysis> oneByOne = new ArrayList<>();
        for (Stock s : market.universe()) {
            oneByOne.add(engine.analyzeOne(market, s.symbol()));
        }
        assertThat(oneByOne).isEqualTo(all);
        assertThat(all).extracting(StockAnalysis::symbol)
                .containsExactlyElementsOf(market.universe().stream().map(Stock::symbol).toList());
    }

    @Test
    void unknownSymbolsAreRejected() {
        assertThatThrownBy(() -> engine.analyze(realKr(), List.of("999999.KS")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999999.KS");
    }

    @Test
    void aFailingAgentAbstainsVisiblyAndTheOthersStillVote() {
        MarketInput base = syntheticMarket(4);
        Stock good = base.universe().getFirst();
        double[] close = good.prices().close().clone();
        close[close.length - 1] = Double.NaN; // corrupt last bar
        PriceSeries p = good.prices();
        Stock broken = new Stock("BAD", "Bad data", "KR", good.sector(), null,
                new PriceSeries("BAD", p.epochDays(), p.open(), p.high(), p.low(), close, p.volume()), null);
        List<Stock> universe = new ArrayList<>(base.universe());
        universe.add(broken);
        MarketInput market = new MarketInput("KR", base.benchmark(), null, universe);

        StockAnalysis a = engine.analyzeOne(market, "BAD");
        assertThat(a.agents().get("technical").abstained()).isTrue();
        assertThat(codes(a.agents().get("technical").signals())).containsExactly("AGENT_FAILED");
        assertThat(a.agents().get("sector").abstained()).isFalse();
        // the corrupt member does not poison the others' sector statistics
        assertThat(engine.rankSectors(market).sectors()).allSatisfy(r -> assertThat(r.return1m()).isFinite());
        assertThat(engine.analyzeOne(market, good.symbol())).isEqualTo(engine.analyzeOne(base, good.symbol()));
    }

    @Test
    void bearMarketUsesTheBearWeightTable() {
        MarketInput market = syntheticMarket(4);
        PriceSeries crash = Bars.fromCloses("^KS11", Bars.concat(Bars.geometric(1000, 0.001, 260),
                Bars.geometric(1000 * Math.pow(1.001, 259) * 0.97, -0.03, 10)), 1, 1e6);
        MarketInput bear = new MarketInput("KR", crash, null, market.universe());
        StockAnalysis a = engine.analyzeOne(bear, market.universe().getFirst().symbol());
        assertThat(a.regime()).isEqualTo(Regime.BEAR);
        assertThat(a.weights()).isEqualTo(EngineSettings.defaults().weightsFor(Regime.BEAR));
    }

    private static MarketInput syntheticMarket(int n) {
        String[] sectors = {"Energy", "Banks", "Chips", "Retail"};
        List<Stock> universe = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String symbol = String.format("%06d.KS", i);
            double drift = 0.0005 * (i % 7) - 0.001;
            double[] c = MarketRegimeAgentTest.zigzag(300, 0.005 + 0.002 * (i % 3), 0.01, 200);
            for (int k = 0; k < c.length; k++) {
                c[k] *= Math.pow(1 + drift, k);
            }
            Fundamentals f = new Fundamentals(LocalDate.of(2024, 6, 30), null, 5.0 + i, 0.5 + 0.1 * i,
                    0.05 + 0.01 * (i % 5), null, 0.5, null, null, List.of());
            universe.add(new Stock(symbol, "Stock " + i, "KR", sectors[i % 4], null,
                    Bars.fromCloses(symbol, c, 0.5 + i * 0.1, 1e8), f));
        }
        return new MarketInput("KR", Bars.fromCloses("^KS11", Bars.geometric(1000, 0.0005, 300), 1, 1e6), null,
                universe);
    }

    private static double weightedMean(StockAnalysis a) {
        double num = 0;
        double den = 0;
        for (var e : a.agents().entrySet()) {
            double w = a.weights().get(e.getKey());
            if (!e.getValue().abstained() && w > 0) {
                num += w * e.getValue().score();
                den += w;
            }
        }
        return num / den;
    }

    private static String file(String symbol) {
        return "yfinance_adjusted_" + symbol + "_amars78.csv";
    }

    private static int indexOf(String symbol) {
        int[] days = Bars.load(file(symbol), symbol).epochDays();
        int i = Arrays.binarySearch(days, (int) INDEX_END.toEpochDay());
        return i >= 0 ? i : -i - 2;
    }

    static PriceSeries until(PriceSeries p, LocalDate last) {
        int n = 0;
        while (n < p.length() && p.epochDays()[n] <= last.toEpochDay()) {
            n++;
        }
        return new PriceSeries(p.symbol(), Arrays.copyOf(p.epochDays(), n), Arrays.copyOf(p.open(), n),
                Arrays.copyOf(p.high(), n), Arrays.copyOf(p.low(), n), Arrays.copyOf(p.close(), n),
                Arrays.copyOf(p.volume(), n));
    }
}
