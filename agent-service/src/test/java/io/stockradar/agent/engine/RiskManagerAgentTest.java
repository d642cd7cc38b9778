package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Verdicts.codes;
import static io.stockradar.agent.engine.Verdicts.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.indicator.Indicators;
import org.junit.jupiter.api.Test;

class RiskManagerAgentTest {

    private final RiskManagerAgent agent = new RiskManagerAgent();
    private final EngineSettings settings = EngineSettings.defaults();

    @Test
    void stopIsTwoAtrsBelowTheCloseAndSizeRisksOnePercentOfCapital() {
        PriceSeries p = Bars.load("yfinance_adjusted_005930.KS_amars78.csv", "005930.KS");
        PriceSeries bench = Bars.load("krx_index_kospi_ks11_daily_2024-09_2026-03.csv", "^KS11");
        RiskManagerAgent.Outcome o = agent.analyze(stock(p), bench, settings, "KR");

        int last = p.length() - 1;
        double atr = Indicators.atr(p.high(), p.low(), p.close(), 14)[last];
        double close = p.close()[last];
        assertThat(o.plan().stopLevel()).isCloseTo(close - 2 * atr, within(1e-9));
        // 100,000,000 KRW x 1% / (2 x ATR) shares, rounded down
        assertThat(o.plan().positionSize()).isEqualTo(Math.floor(1_000_000 / (2 * atr)));
        assertThat(signal(o.verdict(), "ATR14_PCT").value()).isCloseTo(atr / close, within(1e-6));
        assertThat(signal(o.verdict(), "VOLATILITY_20D").value())
                .isCloseTo(Indicators.realizedVolatility(p.close(), 20)[last], within(1e-6));
        assertThat(signal(o.verdict(), "VOLATILITY_60D").value())
                .isCloseTo(Indicators.realizedVolatility(p.close(), 60)[last], within(1e-6));
        assertThat(signal(o.verdict(), "MAX_DRAWDOWN_1Y").value())
                .isCloseTo(Indicators.maxDrawdown(p.close(), last - 251, last), within(1e-6));
        assertThat(signal(o.verdict(), "BETA_1Y").value()).isBetween(0.0, 3.0);
        assertThat(o.verdict().score()).isCloseTo(50 + Verdicts.impactSum(o.verdict()), within(0.01));
    }

    @Test
    void calmStocksScoreSaferThanWildOnes() {
        PriceSeries bench = Bars.fromCloses("^KS11", Bars.geometric(1000, 0.0005, 300), 1, 1e6);
        PriceSeries calm = Bars.fromCloses("CALM", MarketRegimeAgentTest.zigzag(300, 0.003, 0.003, 0), 0.5, 1e8);
        java.util.Random random = new java.util.Random(42);
        double[] w = new double[300];
        w[0] = 100;
        for (int i = 1; i < w.length; i++) {
            w[i] = w[i - 1] * Math.exp(0.045 * random.nextGaussian());
        }
        PriceSeries wild = Bars.fromCloses("WILD", w, 3, 1e8);
        double safe = agent.analyze(stock(calm), bench, settings, "KR").verdict().score();
        double risky = agent.analyze(stock(wild), bench, settings, "KR").verdict().score();
        assertThat(safe).isGreaterThan(70);
        assertThat(risky).isLessThan(30);
    }

    @Test
    void liquidityThresholdIsPerMarketCurrency() {
        // 20-day average traded value 100 x 1,000,000 = 100,000,000: liquid in USD, not in KRW
        double[] c = new double[60];
        java.util.Arrays.fill(c, 100);
        PriceSeries p = Bars.fromCloses("L", c, 1, 1_000_000);
        PriceSeries bench = Bars.fromCloses("^IDX", Bars.geometric(1000, 0.001, 60), 1, 1e6);
        RiskManagerAgent.Outcome kr = agent.analyze(stock(p), bench, settings, "KR");
        RiskManagerAgent.Outcome us = agent.analyze(stock(p), bench, settings, "US");
        assertThat(kr.plan().liquid()).isFalse();
        assertThat(signal(kr.verdict(), "ILLIQUID").value()).isEqualTo(100_000_000);
        assertThat(signal(kr.verdict(), "ILLIQUID").text().en()).contains("100,000,000 KRW", "5,000,000,000 KRW");
        assertThat(us.plan().liquid()).isTrue();
        assertThat(signal(us.verdict(), "AVG_TRADED_VALUE_20D").value()).isEqualTo(100_000_000);
    }

    @Test
    void zeroVolumeIsIlliquid() {
        PriceSeries p = Bars.fromCloses("Z", Bars.geometric(100, 0.001, 60), 1, 0);
        PriceSeries bench = Bars.fromCloses("^IDX", Bars.geometric(1000, 0.001, 60), 1, 1e6);
        RiskManagerAgent.Outcome o = agent.analyze(stock(p), bench, settings, "US");
        assertThat(o.plan().liquid()).isFalse();
        assertThat(codes(o.verdict())).contains("ILLIQUID");
    }

    @Test
    void betaNeedsSixtyCommonDaysAndTooShortAHistoryAbstains() {
        PriceSeries bench = Bars.fromCloses("^IDX", Bars.geometric(1000, 0.001, 300), 1, 1e6);
        RiskManagerAgent.Outcome young = agent.analyze(stock(Bars.fromCloses("Y", Bars.geometric(10, 0.002, 40), 0.1,
                1e7)), bench, settings, "US");
        assertThat(codes(young.verdict())).doesNotContain("BETA_1Y", "VOLATILITY_60D").contains("VOLATILITY_20D");
        RiskManagerAgent.Outcome ipo = agent.analyze(stock(Bars.fromCloses("I", Bars.geometric(10, 0.002, 15), 0.1,
                1e7)), bench, settings, "US");
        assertThat(ipo.verdict().score()).isNull();
        assertThat(codes(ipo.verdict())).containsExactly("INSUFFICIENT_HISTORY");
        assertThat(ipo.plan()).isEqualTo(new RiskPlan(null, null, false));
    }

    private static Stock stock(PriceSeries p) {
        return new Stock(p.symbol(), p.symbol(), "KR", "Tech", null, p, null);
    }
}
