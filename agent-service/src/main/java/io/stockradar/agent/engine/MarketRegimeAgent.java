package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.linear;
import static io.stockradar.agent.engine.Scoring.num;
import static io.stockradar.agent.engine.Scoring.pct;
import static io.stockradar.agent.engine.Scoring.signal;
import static io.stockradar.agent.engine.Scoring.upct;

import io.stockradar.agent.engine.Scoring.ScoreBuilder;
import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import io.stockradar.agent.engine.indicator.Indicators;
import java.util.ArrayList;
import java.util.List;

/**
 * Agent 1 — market regime, from the benchmark index, the secondary index and the universe's breadth.
 *
 * <p>Components (sub-score in [−1, 1], weight):
 * <ul>
 * <li>{@code BENCHMARK_VS_SMA200} ±1 above/below (2), {@code BENCHMARK_VS_SMA50} ±1 (1);</li>
 * <li>{@code SMA200_SLOPE_20D}: +2% over 20 bars → +1, linear (1);</li>
 * <li>{@code DRAWDOWN_52W} from the 52-week closing high: 0% → +1, −10% → 0, −20% → −1 (2);</li>
 * <li>{@code BREADTH_ABOVE_SMA200}: share of members above their SMA200, 70% → +1, 50% → 0 (2);
 * {@code BREADTH_ABOVE_SMA50} same scale (1); members with too little history do not count;</li>
 * <li>KR: {@code SECONDARY_VS_SMA200} (KOSDAQ) ±1 (0.5); US: {@code VIX_LEVEL} 12 → +1, 20 → 0,
 * 28 → −1 (1);</li>
 * <li>{@code VOLATILITY_PERCENTILE_1Y}: percentile of today's 20-day realized volatility among the
 * last 252 days' values, 0.1 → +1, 0.5 → 0 (1); {@code REALIZED_VOL_20D} is informative.</li>
 * </ul>
 * Risk appetite = 50 + 50 · weighted mean of all components. Regime uses only trend and breadth:
 * their score ≥ 60 → BULL, ≤ 40 → BEAR, else NEUTRAL, and a drawdown of 20% or more is always BEAR
 * (the textbook bear market). Volatility: HIGH when the percentile ≥ 0.8 or VIX ≥ 25, LOW when the
 * percentile ≤ 0.2 and VIX (if known) < 15, else NORMAL. With fewer than 50 benchmark bars the
 * regime is NEUTRAL/NORMAL with risk appetite 50 and the signal {@code INSUFFICIENT_HISTORY}; if the
 * benchmark data cannot be computed (e.g. NaN prices) the same neutral answer carries {@code AGENT_FAILED}.
 */
final class MarketRegimeAgent {

    static final int MIN_BARS = 50;

    /** The public assessment plus, for the synthesis, the verdict with each signal's impact. */
    record Outcome(RegimeAssessment assessment, Verdict verdict) {
    }

    Outcome assess(MarketInput market) {
        try {
            return compute(market);
        } catch (RuntimeException e) {
            // bad benchmark data (e.g. NaN prices): neutral, and say so instead of failing the whole request
            Signal why = signal("AGENT_FAILED", 0, "시장 국면 계산 중 오류가 발생해 중립으로 둡니다",
                    "The regime could not be computed (" + e.getClass().getSimpleName() + "): set to neutral");
            return new Outcome(new RegimeAssessment(market.market(), Regime.NEUTRAL, Volatility.NORMAL, 50.0,
                    List.of(why), market.benchmark().lastDate()), new Verdict(50.0, List.of(new Scored(why, 0))));
        }
    }

    private Outcome compute(MarketInput market) {
        PriceSeries b = market.benchmark();
        double[] c = b.close();
        int n = c.length;
        int last = n - 1;
        if (n < MIN_BARS) {
            Signal why = signal("INSUFFICIENT_HISTORY", n,
                    "지수 데이터가 " + n + "일뿐이라 시장 국면을 판단할 수 없어 중립으로 둡니다",
                    "Only " + n + " index bars: the regime cannot be assessed and is set to neutral");
            return new Outcome(new RegimeAssessment(market.market(), Regime.NEUTRAL, Volatility.NORMAL, 50.0,
                    List.of(why), b.lastDate()), new Verdict(50.0, List.of(new Scored(why, 0))));
        }
        ScoreBuilder trend = new ScoreBuilder();
        ScoreBuilder all = new ScoreBuilder();
        String idx = b.symbol();

        double close = c[last];
        double sma50 = Indicators.last(Indicators.sma(c, 50));
        both(trend, all, signal("BENCHMARK_VS_SMA50", close / sma50 - 1,
                idx + " 지수가 50일 이동평균 대비 " + pct(close / sma50 - 1) + " 위치",
                idx + " is " + pct(close / sma50 - 1) + " vs its 50-day average"), 1, close > sma50 ? 1 : -1);

        if (n >= 200) {
            double[] sma200 = Indicators.sma(c, 200);
            double s200 = sma200[last];
            both(trend, all, signal("BENCHMARK_VS_SMA200", close / s200 - 1,
                    idx + " 지수가 200일 이동평균 대비 " + pct(close / s200 - 1) + " 위치",
                    idx + " is " + pct(close / s200 - 1) + " vs its 200-day average"), 2, close > s200 ? 1 : -1);
            if (n >= 220) {
                double slope = s200 / sma200[last - 20] - 1;
                both(trend, all, signal("SMA200_SLOPE_20D", slope,
                        "200일 이동평균의 20일 기울기 " + pct(slope),
                        "200-day average moved " + pct(slope) + " over 20 days"), 1, linear(slope, 0, 0.02));
            }
        }
        int from = Math.max(0, n - 252);
        double high = Double.NEGATIVE_INFINITY;
        for (int i = from; i < n; i++) {
            high = Math.max(high, c[i]);
        }
        double drawdown = close / high - 1;
        both(trend, all, signal("DRAWDOWN_52W", drawdown,
                "52주 최고치 대비 " + pct(drawdown),
                pct(drawdown) + " from the 52-week high"), 2, linear(drawdown, -0.10, 0));

        breadth(market.universe(), trend, all);

        PriceSeries second = market.secondary();
        Double vix = null;
        if (second != null && second.length() > 0) {
            double[] sc = second.close();
            if ("US".equals(market.market())) {
                vix = sc[sc.length - 1];
                all.component(signal("VIX_LEVEL", vix, "VIX 지수 " + num(vix, 2), "VIX at " + num(vix, 2)), 1,
                        linear(vix, 20, 12));
            } else if (sc.length >= 200) {
                double s2 = Indicators.last(Indicators.sma(sc, 200));
                double rel = sc[sc.length - 1] / s2 - 1;
                both(trend, all, signal("SECONDARY_VS_SMA200", rel,
                        second.symbol() + " 지수가 200일 이동평균 대비 " + pct(rel) + " 위치",
                        second.symbol() + " is " + pct(rel) + " vs its 200-day average"), 0.5, rel > 0 ? 1 : -1);
            }
        }

        double[] vol = Indicators.realizedVolatility(c, 20);
        double vol20 = vol[last];
        double percentile = Indicators.percentileRank(vol, n - 252, last, vol20);
        all.info(signal("REALIZED_VOL_20D", vol20, "20일 실현 변동성(연율) " + upct(vol20),
                "20-day realized volatility (annualized) " + upct(vol20)));
        if (!Double.isNaN(percentile)) {
            all.component(signal("VOLATILITY_PERCENTILE_1Y", percentile,
                    "현재 변동성은 최근 1년 중 " + num(percentile * 100, 0) + " 백분위",
                    "Current volatility is at the " + num(percentile * 100, 0) + "th percentile of the past year"),
                    1, linear(percentile, 0.5, 0.1));
        }

        Verdict appetite = all.build();
        double trendScore = trend.build().score();
        Regime regime = drawdown <= -0.20 ? Regime.BEAR
                : trendScore >= 60 ? Regime.BULL : trendScore <= 40 ? Regime.BEAR : Regime.NEUTRAL;
        boolean hot = (!Double.isNaN(percentile) && percentile >= 0.8) || (vix != null && vix >= 25);
        boolean calm = !Double.isNaN(percentile) && percentile <= 0.2 && (vix == null || vix < 15);
        Volatility volatility = hot ? Volatility.HIGH : calm ? Volatility.LOW : Volatility.NORMAL;
        List<Signal> evidence = new ArrayList<>();
        for (Scored s : appetite.items()) {
            evidence.add(s.signal());
        }
        return new Outcome(new RegimeAssessment(market.market(), regime, volatility, appetite.score(), evidence,
                b.lastDate()), appetite);
    }

    private static void breadth(List<Stock> universe, ScoreBuilder trend, ScoreBuilder all) {
        int above200 = 0;
        int with200 = 0;
        int above50 = 0;
        int with50 = 0;
        for (Stock s : universe) {
            double[] c = s.prices().close();
            int n = c.length;
            double last = n == 0 ? Double.NaN : c[n - 1];
            double m200 = n >= 200 ? mean(c, n - 200, n) : Double.NaN;
            double m50 = n >= 50 ? mean(c, n - 50, n) : Double.NaN;
            if (Double.isFinite(last) && Double.isFinite(m200)) { // members with bad data do not count
                with200++;
                if (last > m200) {
                    above200++;
                }
            }
            if (Double.isFinite(last) && Double.isFinite(m50)) {
                with50++;
                if (last > m50) {
                    above50++;
                }
            }
        }
        if (with200 > 0) {
            double share = (double) above200 / with200;
            both(trend, all, signal("BREADTH_ABOVE_SMA200", share,
                    "종목 " + with200 + "개 중 " + upct(share) + "가 200일 이동평균 위",
                    upct(share) + " of " + with200 + " members trade above their 200-day average"), 2,
                    linear(share, 0.5, 0.7));
        }
        if (with50 > 0) {
            double share = (double) above50 / with50;
            both(trend, all, signal("BREADTH_ABOVE_SMA50", share,
                    "종목 " + with50 + "개 중 " + upct(share) + "가 50일 이동평균 위",
                    upct(share) + " of " + with50 + " members trade above their 50-day average"), 1,
                    linear(share, 0.5, 0.7));
        }
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static void both(ScoreBuilder a, ScoreBuilder b, Signal signal, double weight, double s) {
        a.component(signal, weight, s);
        b.component(signal, weight, s);
    }
}
