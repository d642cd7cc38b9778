package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Verdicts.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.indicator.Indicators;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketRegimeAgentTest {

    private final MarketRegimeAgent agent = new MarketRegimeAgent();

    @Test
    void steadyUptrendWithBroadParticipationIsBull() {
        double[] c = Bars.geometric(1000, 0.002, 300);
        PriceSeries bench = Bars.fromCloses("^KS11", c, 1, 1e6);
        List<Stock> universe = List.of(stock("A", Bars.geometric(100, 0.001, 300)),
                stock("B", Bars.geometric(100, 0.002, 300)), stock("C", Bars.geometric(100, 0.003, 300)),
                stock("D", Bars.geometric(100, -0.001, 300)));
        RegimeAssessment r = agent.assess(new MarketInput("KR", bench, null, universe)).assessment();

        assertThat(r.regime()).isEqualTo(Regime.BULL);
        double sma200 = Indicators.sma(c, 200)[299];
        assertThat(signal(r.evidence(), "BENCHMARK_VS_SMA200").value()).isCloseTo(c[299] / sma200 - 1, within(1e-6));
        assertThat(signal(r.evidence(), "SMA200_SLOPE_20D").value())
                .isCloseTo(sma200 / Indicators.sma(c, 200)[279] - 1, within(1e-6));
        assertThat(signal(r.evidence(), "DRAWDOWN_52W").value()).isZero();
        assertThat(signal(r.evidence(), "BREADTH_ABOVE_SMA200").value()).isEqualTo(0.75);
        assertThat(signal(r.evidence(), "BREADTH_ABOVE_SMA50").value()).isEqualTo(0.75);
        assertThat(r.riskAppetite()).isGreaterThan(60);
        assertThat(r.asOf()).isEqualTo(bench.lastDate());
        assertThat(r.evidence()).allSatisfy(s -> {
            assertThat(s.text().ko()).isNotBlank();
            assertThat(s.text().en()).isNotBlank();
        });
    }

    @Test
    void aTwentyFivePercentFallFromTheHighIsBearEvenAboveTheLongAverage() {
        // 260 bars rising 0.3% a day, then a straight 25% fall over 10 bars
        double[] up = Bars.geometric(1000, 0.003, 260);
        double top = up[259];
        double[] down = new double[10];
        for (int i = 0; i < 10; i++) {
            down[i] = top * (1 - 0.025 * (i + 1));
        }
        double[] c = Bars.concat(up, down);
        RegimeAssessment r = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6), null, List.of()))
                .assessment();

        assertThat(signal(r.evidence(), "DRAWDOWN_52W").value()).isCloseTo(-0.25, within(1e-6));
        assertThat(r.regime()).isEqualTo(Regime.BEAR);
    }

    @Test
    void steadyDowntrendWithWeakBreadthIsBear() {
        double[] c = Bars.geometric(1000, -0.001, 300);
        List<Stock> universe = List.of(stock("A", Bars.geometric(100, -0.002, 300)),
                stock("B", Bars.geometric(100, -0.001, 300)));
        RegimeAssessment r = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6), null, universe))
                .assessment();
        assertThat(r.regime()).isEqualTo(Regime.BEAR);
        assertThat(signal(r.evidence(), "BREADTH_ABOVE_SMA200").value()).isZero();
        assertThat(r.riskAppetite()).isLessThan(40);
    }

    @Test
    void tooShortABenchmarkIsNeutralAndSaysWhy() {
        RegimeAssessment r = agent.assess(new MarketInput("KR",
                Bars.fromCloses("^KS11", Bars.geometric(1000, 0.01, 30), 1, 1e6), null, List.of())).assessment();
        assertThat(r.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(r.volatility()).isEqualTo(Volatility.NORMAL);
        assertThat(r.riskAppetite()).isEqualTo(50);
        assertThat(signal(r.evidence(), "INSUFFICIENT_HISTORY").value()).isEqualTo(30);
    }

    @Test
    void corruptBenchmarkDataGivesAVisibleNeutralFallback() {
        double[] c = Bars.geometric(1000, 0.001, 300);
        c[299] = Double.NaN;
        RegimeAssessment r = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6), null, List.of()))
                .assessment();
        assertThat(r.regime()).isEqualTo(Regime.NEUTRAL);
        assertThat(r.riskAppetite()).isEqualTo(50);
        assertThat(Verdicts.codes(r.evidence())).containsExactly("AGENT_FAILED");
    }

    @Test
    void volatilityIsHighWhenTheLast20DaysAreTheMostTurbulentOfTheYear() {
        double[] c = zigzag(300, 0.002, 0.03, 280);
        RegimeAssessment r = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6), null, List.of()))
                .assessment();
        assertThat(signal(r.evidence(), "VOLATILITY_PERCENTILE_1Y").value()).isGreaterThanOrEqualTo(0.8);
        assertThat(r.volatility()).isEqualTo(Volatility.HIGH);
        double vol20 = Indicators.realizedVolatility(c, 20)[299];
        assertThat(signal(r.evidence(), "REALIZED_VOL_20D").value()).isCloseTo(vol20, within(1e-6));
    }

    @Test
    void volatilityIsLowWhenTheLast20DaysAreTheCalmestOfTheYear() {
        double[] c = zigzag(300, 0.03, 0.002, 280);
        RegimeAssessment r = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6), null, List.of()))
                .assessment();
        assertThat(signal(r.evidence(), "VOLATILITY_PERCENTILE_1Y").value()).isLessThanOrEqualTo(0.2);
        assertThat(r.volatility()).isEqualTo(Volatility.LOW);
    }

    @Test
    void usVixAbove25MeansHighVolatilityAndLowersRiskAppetite() {
        double[] c = Bars.geometric(1000, 0.001, 300);
        PriceSeries spx = Bars.fromCloses("^GSPC", c, 1, 1e6);
        double[] vixCalm = new double[300];
        double[] vixFear = new double[300];
        java.util.Arrays.fill(vixCalm, 13);
        java.util.Arrays.fill(vixFear, 30);
        RegimeAssessment calm = agent.assess(new MarketInput("US", spx, Bars.fromCloses("^VIX", vixCalm, 0.1, 0),
                List.of())).assessment();
        RegimeAssessment fear = agent.assess(new MarketInput("US", spx, Bars.fromCloses("^VIX", vixFear, 0.1, 0),
                List.of())).assessment();
        assertThat(signal(fear.evidence(), "VIX_LEVEL").value()).isEqualTo(30);
        assertThat(fear.volatility()).isEqualTo(Volatility.HIGH);
        assertThat(calm.volatility()).isNotEqualTo(Volatility.HIGH);
        assertThat(fear.riskAppetite()).isLessThan(calm.riskAppetite());
    }

    @Test
    void krSecondaryIndexAddsKosdaqTrendEvidence() {
        double[] c = Bars.geometric(1000, 0.001, 300);
        double[] kq = Bars.geometric(800, -0.001, 300);
        RegimeAssessment r = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6),
                Bars.fromCloses("^KQ11", kq, 1, 1e6), List.of())).assessment();
        assertThat(signal(r.evidence(), "SECONDARY_VS_SMA200").value())
                .isCloseTo(kq[299] / Indicators.sma(kq, 200)[299] - 1, within(1e-6));
    }

    @Test
    void riskAppetiteIsFiftyPlusTheImpactsOfItsEvidence() {
        double[] c = zigzag(300, 0.01, 0.01, 150);
        MarketRegimeAgent.Outcome o = agent.assess(new MarketInput("KR", Bars.fromCloses("^KS11", c, 1, 1e6), null,
                List.of(stock("A", Bars.geometric(100, 0.001, 300)))));
        assertThat(o.assessment().riskAppetite()).isCloseTo(50 + Verdicts.impactSum(o.verdict()), within(0.01));
    }

    /** Rising 0.05% a day with alternating daily moves of ±amp1 before {@code switchAt}, ±amp2 after. */
    static double[] zigzag(int n, double amp1, double amp2, int switchAt) {
        List<Double> out = new ArrayList<>();
        double p = 1000;
        for (int i = 0; i < n; i++) {
            double amp = i < switchAt ? amp1 : amp2;
            p *= 1.0005 * (i % 2 == 0 ? 1 + amp : 1 / (1 + amp));
            out.add(p);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Stock stock(String symbol, double[] closes) {
        return new Stock(symbol, symbol, "KR", "Tech", null, Bars.fromCloses(symbol, closes, 0.5, 1e6), null);
    }
}
