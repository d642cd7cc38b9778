package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Verdicts.codes;
import static io.stockradar.agent.engine.Verdicts.has;
import static io.stockradar.agent.engine.Verdicts.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.Scoring.Verdict;
import io.stockradar.agent.engine.indicator.Indicators;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TechnicalAnalystAgentTest {

    private final TechnicalAnalystAgent agent = new TechnicalAnalystAgent();

    @Test
    void aSteadyUptrendScoresHighWithTrendAndMomentumSignals() {
        double[] c = Bars.geometric(100, 0.002, 300);
        Verdict v = agent.analyze(Bars.fromCloses("UP", c, 0.1, 1000));

        assertThat(v.score()).isGreaterThan(75);
        assertThat(signal(v, "CLOSE_VS_SMA200").value()).isCloseTo(c[299] / Indicators.sma(c, 200)[299] - 1, within(1e-6));
        assertThat(signal(v, "CLOSE_VS_SMA20").value()).isPositive();
        // 12-month momentum skipping the last month: close 21 bars ago vs 252 bars ago
        assertThat(signal(v, "MOMENTUM_12M").value()).isCloseTo(Math.pow(1.002, 231) - 1, within(1e-6));
        assertThat(signal(v, "MOMENTUM_6M").value()).isCloseTo(Math.pow(1.002, 105) - 1, within(1e-6));
        assertThat(signal(v, "MOMENTUM_3M").value()).isCloseTo(Math.pow(1.002, 42) - 1, within(1e-6));
        assertThat(signal(v, "RSI14").value()).isEqualTo(100); // only gains
        assertThat(has(v, "INSUFFICIENT_HISTORY")).isFalse();
        assertThat(v.score()).isCloseTo(50 + Verdicts.impactSum(v), within(0.01));
    }

    @Test
    void aSteadyDowntrendScoresLow() {
        Verdict v = agent.analyze(Bars.fromCloses("DOWN", Bars.geometric(100, -0.002, 300), 0.1, 1000));
        assertThat(v.score()).isLessThan(25);
        assertThat(signal(v, "CLOSE_VS_SMA200").value()).isNegative();
        assertThat(signal(v, "RSI14").value()).isZero();
    }

    @Test
    void fewerThan200BarsScoresWhatItCanAndSaysSo() {
        Verdict v = agent.analyze(Bars.fromCloses("NEW", Bars.geometric(100, 0.002, 100), 0.1, 1000));
        assertThat(v.score()).isNotNull();
        assertThat(signal(v, "INSUFFICIENT_HISTORY").value()).isEqualTo(100);
        assertThat(codes(v)).contains("CLOSE_VS_SMA20", "CLOSE_VS_SMA50", "RSI14", "MACD_HISTOGRAM")
                .doesNotContain("CLOSE_VS_SMA200", "MOMENTUM_6M", "MOMENTUM_12M", "GOLDEN_CROSS");
        assertThat(signal(v, "MOMENTUM_3M").value()).isCloseTo(Math.pow(1.002, 42) - 1, within(1e-6));
    }

    @Test
    void fewerThan21BarsAbstains() {
        Verdict v = agent.analyze(Bars.fromCloses("IPO", Bars.geometric(100, 0.002, 20), 0.1, 1000));
        assertThat(v.score()).isNull();
        assertThat(codes(v)).containsExactly("INSUFFICIENT_HISTORY");
    }

    @Test
    void goldenCrossWithinTenBarsIsSignalledWithItsAge() {
        // a long decline then a strong rally: find the bar where SMA50 crosses above SMA200
        double[] c = Bars.concat(Bars.geometric(200, -0.002, 250), Bars.geometric(200 * Math.pow(0.998, 250), 0.01, 150));
        int cross = firstCross(c, true);
        Verdict v = agent.analyze(Bars.fromCloses("GC", Arrays.copyOf(c, cross + 4), 0.1, 1000));
        assertThat(signal(v, "GOLDEN_CROSS").value()).isEqualTo(3);
        Verdict later = agent.analyze(Bars.fromCloses("GC", Arrays.copyOf(c, cross + 11), 0.1, 1000));
        assertThat(has(later, "GOLDEN_CROSS")).as("older than 10 bars").isFalse();
    }

    @Test
    void deathCrossWithinTenBarsIsSignalled() {
        double[] c = Bars.concat(Bars.geometric(100, 0.002, 250), Bars.geometric(100 * Math.pow(1.002, 250), -0.01, 150));
        int cross = firstCross(c, false);
        Verdict v = agent.analyze(Bars.fromCloses("DC", Arrays.copyOf(c, cross + 1), 0.1, 1000));
        assertThat(signal(v, "DEATH_CROSS").value()).isZero();
    }

    @Test
    void macdHistogramTurningPositiveIsABullishCross() {
        // rise, a sharp sell-off (histogram turns negative), then a rally (it turns positive again)
        double[] up = Bars.geometric(100, 0.003, 120);
        double[] down = Bars.geometric(up[119] * 0.99, -0.01, 30);
        double[] c = Bars.concat(up, down, Bars.geometric(down[29] * 1.01, 0.01, 40));
        double[] h = Indicators.macd(c).histogram();
        assertThat(h[149]).isNegative();
        int flip = -1;
        for (int i = 150; i < c.length; i++) {
            if (h[i - 1] <= 0 && h[i] > 0) {
                flip = i;
                break;
            }
        }
        assertThat(flip).isPositive();
        Verdict v = agent.analyze(Bars.fromCloses("M", Arrays.copyOf(c, flip + 2), 0.1, 1000));
        assertThat(signal(v, "MACD_BULLISH_CROSS").value()).isCloseTo(h[flip + 1], within(1e-6));
        Verdict later = agent.analyze(Bars.fromCloses("M", Arrays.copyOf(c, flip + 5), 0.1, 1000));
        assertThat(codes(later)).contains("MACD_HISTOGRAM").doesNotContain("MACD_BULLISH_CROSS");
    }

    @Test
    void closeAboveThePrior20DayHighIsABreakoutAndHighVolumeConfirmsIt() {
        double[] c = new double[60];
        Arrays.fill(c, 100);
        c[59] = 110;
        PriceSeries flat = Bars.fromCloses("B", c, 1, 1000);
        flat.volume()[59] = 3000;
        Verdict v = agent.analyze(flat);
        // prior 20-day high is 100 + 1 (range); close 110
        assertThat(signal(v, "DONCHIAN_BREAKOUT_20D").value()).isCloseTo(110 / 101.0 - 1, within(1e-6));
        assertThat(signal(v, "VOLUME_RATIO_20D").value()).isCloseTo(3.0, within(1e-9));
        double before = v.score();
        flat.volume()[59] = 1000;
        assertThat(agent.analyze(flat).score()).as("volume confirmation adds points").isLessThan(before);
    }

    @Test
    void closeBelowThePrior20DayLowIsABreakdown() {
        double[] c = new double[60];
        Arrays.fill(c, 100);
        c[59] = 90;
        Verdict v = agent.analyze(Bars.fromCloses("B", c, 1, 1000));
        assertThat(signal(v, "DONCHIAN_BREAKDOWN_20D").value()).isCloseTo(90 / 99.0 - 1, within(1e-6));
    }

    @Test
    void distanceToThe52WeekHighUsesHighs() {
        double[] c = Bars.concat(Bars.geometric(100, 0.002, 200), Bars.geometric(100 * Math.pow(1.002, 199) * 0.995,
                -0.005, 60));
        PriceSeries p = Bars.fromCloses("D", c, 0.5, 1000);
        double high = Arrays.stream(p.high()).skip(260 - 252).max().orElseThrow();
        assertThat(signal(agent.analyze(p), "DISTANCE_52W_HIGH").value()).isCloseTo(c[259] / high - 1, within(1e-6));
    }

    @Test
    void zeroVolumeIsReportedNotScored() {
        Verdict v = agent.analyze(Bars.fromCloses("Z", Bars.geometric(100, 0.001, 60), 0.1, 0));
        assertThat(signal(v, "NO_VOLUME").value()).isZero();
        assertThat(codes(v)).doesNotContain("VOLUME_RATIO_20D");
        assertThat(v.items().stream().filter(s -> s.signal().code().equals("NO_VOLUME")).findFirst().orElseThrow()
                .impact()).isZero();
    }

    @Test
    void pricesThatStoppedWellBeforeTheMarketAreFlaggedStale() {
        PriceSeries p = Bars.fromCloses("H", Bars.geometric(100, 0.001, 60), 0.1, 1000);
        java.time.LocalDate last = p.lastDate();
        Verdict halted = agent.analyze(p, last.plusDays(30));
        assertThat(signal(halted, "STALE_PRICES").value()).isEqualTo(30);
        assertThat(halted.score()).isEqualTo(agent.analyze(p).score());
        assertThat(codes(agent.analyze(p, last.plusDays(7)))).doesNotContain("STALE_PRICES");
    }

    @Test
    void realSamsungSeriesGivesAFullSetOfFiniteSignals() {
        Verdict v = agent.analyze(Bars.load("yfinance_adjusted_005930.KS_amars78.csv", "005930.KS"));
        assertThat(v.score()).isBetween(0.0, 100.0);
        assertThat(codes(v)).contains("CLOSE_VS_SMA20", "CLOSE_VS_SMA50", "CLOSE_VS_SMA200", "RSI14", "MOMENTUM_12M",
                "DISTANCE_52W_HIGH", "VOLUME_RATIO_20D");
        assertThat(v.toResult().signals()).allSatisfy(s -> assertThat(Double.isFinite(s.value())).isTrue());
    }

    private static int firstCross(double[] c, boolean up) {
        double[] f = Indicators.sma(c, 50);
        double[] s = Indicators.sma(c, 200);
        for (int i = 200; i < c.length; i++) {
            double prev = f[i - 1] - s[i - 1];
            double cur = f[i] - s[i];
            if (up ? prev <= 0 && cur > 0 : prev >= 0 && cur < 0) {
                return i;
            }
        }
        throw new AssertionError("no cross");
    }
}
