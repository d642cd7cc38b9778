package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.linear;
import static io.stockradar.agent.engine.Scoring.money;
import static io.stockradar.agent.engine.Scoring.num;
import static io.stockradar.agent.engine.Scoring.pct;
import static io.stockradar.agent.engine.Scoring.signal;
import static io.stockradar.agent.engine.Scoring.upct;

import io.stockradar.agent.engine.Scoring.ScoreBuilder;
import io.stockradar.agent.engine.Scoring.Verdict;
import io.stockradar.agent.engine.indicator.Indicators;

/**
 * Agent 5 — risk manager. Score higher = safer.
 *
 * <p>Components (sub-score in [−1, 1], weight):
 * <ul>
 * <li>{@code VOLATILITY_20D}, {@code VOLATILITY_60D}: annualized realized volatility, 15% → +1,
 * 35% → 0, 55% → −1 (1 each);</li>
 * <li>{@code MAX_DRAWDOWN_1Y} over the last 252 bars: 5% → +1, 25% → 0, 45% → −1 (1);</li>
 * <li>{@code BETA_1Y} vs the benchmark over up to 252 common daily returns (at least 60): 0.6 → +1,
 * 1.2 → 0, 1.8 → −1 (1);</li>
 * <li>{@code ATR14_PCT} = ATR14 / close: 1% → +1, 3% → 0, 5% → −1 (0.5);</li>
 * <li>{@code AVG_TRADED_VALUE_20D} = mean(close × volume) of the last 20 bars vs the market's
 * threshold: below → −1 (and {@code liquid = false}); at the threshold → 0, 100× the threshold → +1
 * (log scale) (1).</li>
 * </ul>
 * Stop = close − 2 × ATR14 (not below 0); position size = floor(capital × riskPerTrade / (close − stop)) shares.
 * Abstains ({@code INSUFFICIENT_HISTORY}) with fewer than 21 bars; components needing more history
 * are skipped.
 */
final class RiskManagerAgent {

    static final int MIN_BARS = 21;

    record Outcome(Verdict verdict, RiskPlan plan) {
    }

    Outcome analyze(Stock stock, PriceSeries benchmark, EngineSettings settings, String market) {
        PriceSeries p = stock.prices();
        double[] c = p.close();
        int n = c.length;
        int last = n - 1;
        double minValue = settings.minTradedValueFor(market);
        if (n < MIN_BARS) {
            return new Outcome(Verdict.abstain(signal("INSUFFICIENT_HISTORY", n,
                    "가격 데이터가 " + n + "일뿐이라 위험도를 평가하지 않습니다",
                    "Only " + n + " bars of prices: no risk assessment")), new RiskPlan(null, null, false));
        }
        ScoreBuilder sb = new ScoreBuilder();
        double[] logReturns = Indicators.logReturns(c); // shared by both volatility windows
        double vol20 = Indicators.realizedVolatilityOfReturns(logReturns, 20)[last];
        sb.component(signal("VOLATILITY_20D", vol20, "20일 변동성(연율) " + upct(vol20),
                "20-day volatility (annualized) " + upct(vol20)), 1, linear(vol20, 0.35, 0.15));
        if (n > 60) {
            double vol60 = Indicators.realizedVolatilityOfReturns(logReturns, 60)[last];
            sb.component(signal("VOLATILITY_60D", vol60, "60일 변동성(연율) " + upct(vol60),
                    "60-day volatility (annualized) " + upct(vol60)), 1, linear(vol60, 0.35, 0.15));
        }
        double mdd = Indicators.maxDrawdown(c, n - 252, last);
        String window = n >= 252 ? "1년" : n + "일";
        String windowEn = n >= 252 ? "1-year" : n + "-bar";
        sb.component(signal("MAX_DRAWDOWN_1Y", mdd, window + " 최대 낙폭 " + upct(mdd),
                windowEn + " maximum drawdown " + upct(mdd)), 1, linear(mdd, 0.25, 0.05));
        double beta = Indicators.beta(p.epochDays(), c, benchmark.epochDays(), benchmark.close(), 252, 60);
        if (!Double.isNaN(beta)) {
            sb.component(signal("BETA_1Y", beta, benchmark.symbol() + " 대비 베타 " + num(beta, 2),
                    "Beta vs " + benchmark.symbol() + " " + num(beta, 2)), 1, linear(beta, 1.2, 0.6));
        }
        double atr = n > 14 ? Indicators.atr(p.high(), p.low(), c, 14)[last] : Double.NaN;
        double close = c[last];
        Double stop = null;
        Double size = null;
        if (!Double.isNaN(atr) && close > 0) {
            double atrPct = atr / close;
            sb.component(signal("ATR14_PCT", atrPct, "ATR(14)이 종가의 " + upct(atrPct),
                    "ATR(14) is " + upct(atrPct) + " of the close"), 0.5, linear(atrPct, 0.03, 0.01));
            stop = Math.max(0, close - 2 * atr);
            double capital = settings.capitalFor(market);
            if (close - stop > 0 && Double.isFinite(capital)) {
                size = Math.floor(capital * settings.riskPerTrade() / (close - stop));
            }
            double stopPct = stop / close - 1;
            sb.info(signal("STOP_LEVEL", stop, "손절 기준가 " + num(stop, 2) + " (종가 대비 " + pct(stopPct) + ", 2×ATR)",
                    "Stop at " + num(stop, 2) + " (" + pct(stopPct) + " from the close, 2 x ATR)"));
        }
        double traded = 0;
        for (int i = n - 20; i < n; i++) {
            traded += c[i] * p.volume()[i];
        }
        traded /= 20;
        boolean liquid = traded >= minValue && traded > 0;
        String cur = "KR".equals(market) ? "원" : "";
        String curEn = "KR".equals(market) ? " KRW" : "US".equals(market) ? " USD" : "";
        if (liquid) {
            double s = minValue > 0 ? Math.log10(traded / minValue) / 2 : 1;
            sb.component(signal("AVG_TRADED_VALUE_20D", traded, "20일 평균 거래대금 " + money(traded) + cur,
                    "20-day average traded value " + money(traded) + curEn), 1, s);
        } else {
            sb.component(signal("ILLIQUID", traded,
                    "20일 평균 거래대금 " + money(traded) + cur + "이 기준 " + money(minValue) + cur + " 미만",
                    "20-day average traded value " + money(traded) + curEn + " is below the " + money(minValue)
                            + curEn + " threshold"), 1, -1);
        }
        return new Outcome(sb.build(), new RiskPlan(stop, size, liquid));
    }
}
