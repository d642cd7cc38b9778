package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.linear;
import static io.stockradar.agent.engine.Scoring.num;
import static io.stockradar.agent.engine.Scoring.pct;
import static io.stockradar.agent.engine.Scoring.signal;

import io.stockradar.agent.engine.Scoring.ScoreBuilder;
import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import io.stockradar.agent.engine.indicator.Indicators;
import io.stockradar.agent.engine.indicator.Macd;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Agent 3 — technical analyst, on adjusted closes (highs and lows for the breakout).
 *
 * <p>Components (sub-score in [−1, 1], weight; skipped when the history is too short):
 * <ul>
 * <li>Trend: {@code CLOSE_VS_SMA20} ±1 (1), {@code CLOSE_VS_SMA50} ±1 (1.5), {@code CLOSE_VS_SMA200}
 * ±1 (2); {@code GOLDEN_CROSS} +1 / {@code DEATH_CROSS} −1 (1.5) when SMA50 crossed SMA200 within the
 * last 10 bars (value = bars ago).</li>
 * <li>Momentum: {@code RSI14}: (RSI − 50) / 20 up to 70, then falling to 0 at 85 and −1 at 100
 * (overbought; ≥ 70 overbought and ≤ 30 oversold are named in the sentence) (1); {@code MACD_HISTOGRAM} ±0.5 by sign, {@code MACD_BULLISH_CROSS} +1 / {@code MACD_BEARISH_CROSS}
 * −1 when the histogram changed sign within the last 3 bars (1); {@code MOMENTUM_3M}/{@code _6M}/
 * {@code _12M}: return from 63/126/252 bars ago to 21 bars ago (skipping the last month), +10%/+20%/
 * +30% → +1 (1, 1, 1.5).</li>
 * <li>Breakout: {@code DISTANCE_52W_HIGH} from the highest high of the last 252 bars: 0% → +1, −15% → 0
 * (1); {@code DONCHIAN_BREAKOUT_20D} +1 when the close exceeds the highest high of the 20 bars before
 * it, {@code DONCHIAN_BREAKDOWN_20D} −1 below the lowest low (1).</li>
 * <li>Volume: {@code VOLUME_RATIO_20D} = today's volume / mean of the 20 bars before; a ratio r moves
 * the score in the direction of today's close change by min(r − 1, 1) × 0.5 (0.5). All-zero volume
 * → {@code NO_VOLUME}, informative.</li>
 * </ul>
 * Needs 200 bars for the full score; with fewer it scores what it can and adds
 * {@code INSUFFICIENT_HISTORY} (value = bars); with fewer than 21 bars it abstains. A last bar more
 * than 7 days older than the market's adds {@code STALE_PRICES} (informative).
 */
final class TechnicalAnalystAgent {

    static final int FULL_HISTORY = 200;
    static final int MIN_BARS = 21;
    static final int STALE_DAYS = 7;

    Verdict analyze(PriceSeries p) {
        return analyze(p, null);
    }

    /**
     * @param marketAsOf the benchmark's last date; a stock whose last bar is more than
     *        {@value #STALE_DAYS} calendar days older gets the informative signal {@code STALE_PRICES}
     *        (value = days), e.g. a trading halt
     */
    Verdict analyze(PriceSeries p, LocalDate marketAsOf) {
        Verdict v = score(p);
        LocalDate last = p.lastDate();
        if (marketAsOf == null || last == null) {
            return v;
        }
        long days = ChronoUnit.DAYS.between(last, marketAsOf);
        if (days <= STALE_DAYS) {
            return v;
        }
        List<Scored> items = new ArrayList<>(v.items());
        items.add(new Scored(signal("STALE_PRICES", days,
                "마지막 시세가 " + last + "로 시장보다 " + days + "일 오래되었습니다 (거래정지 가능성)",
                "Last price is from " + last + ", " + days + " days before the market's (halted?)"), 0));
        return new Verdict(v.score(), items);
    }

    private Verdict score(PriceSeries p) {
        double[] c = p.close();
        int n = c.length;
        int last = n - 1;
        if (n < MIN_BARS) {
            return Verdict.abstain(signal("INSUFFICIENT_HISTORY", n,
                    "가격 데이터가 " + n + "일뿐이라 기술적 분석을 하지 않습니다",
                    "Only " + n + " bars of prices: no technical analysis"));
        }
        ScoreBuilder sb = new ScoreBuilder();
        if (n < FULL_HISTORY) {
            sb.info(signal("INSUFFICIENT_HISTORY", n,
                    "가격 데이터가 " + n + "일(200일 미만)이라 일부 지표만 반영했습니다",
                    "Only " + n + " bars (fewer than 200): scored on the indicators available"));
        }
        double close = c[last];

        trendVs(sb, c, 20, 1);
        if (n >= 50) {
            trendVs(sb, c, 50, 1.5);
        }
        if (n >= 200) {
            trendVs(sb, c, 200, 2);
            cross(sb, Indicators.sma(c, 50), Indicators.sma(c, 200), last);
        }

        double[] rsi = Indicators.rsi(c, 14);
        double r = rsi[last];
        if (!Double.isNaN(r)) {
            String zone = r >= 70 ? " (과매수)" : r <= 30 ? " (과매도)" : "";
            String zoneEn = r >= 70 ? " (overbought)" : r <= 30 ? " (oversold)" : "";
            double s = r <= 70 ? (r - 50) / 20 : 1 - (r - 70) / 15;
            sb.component(signal("RSI14", r,
                    "RSI(14) " + num(r, 1) + zone, "RSI(14) at " + num(r, 1) + zoneEn), 1, s);
        }

        Macd macd = Indicators.macd(c);
        double h = macd.histogram()[last];
        if (!Double.isNaN(h)) {
            int flip = 0; // +1 turned positive, -1 turned negative within the last 3 bars
            for (int k = last; k > last - 3 && k > 0; k--) {
                double prev = macd.histogram()[k - 1];
                double cur = macd.histogram()[k];
                if (!Double.isNaN(prev) && (prev <= 0) != (cur <= 0)) {
                    flip = cur > 0 ? 1 : -1;
                    break;
                }
            }
            if (flip > 0 && h > 0) {
                sb.component(signal("MACD_BULLISH_CROSS", h, "MACD 히스토그램이 최근 양(+)으로 전환 (" + num(h, 4) + ")",
                        "MACD histogram turned positive recently (" + num(h, 4) + ")"), 1, 1);
            } else if (flip < 0 && h <= 0) {
                sb.component(signal("MACD_BEARISH_CROSS", h, "MACD 히스토그램이 최근 음(−)으로 전환 (" + num(h, 4) + ")",
                        "MACD histogram turned negative recently (" + num(h, 4) + ")"), 1, -1);
            } else {
                sb.component(signal("MACD_HISTOGRAM", h, "MACD 히스토그램 " + num(h, 4),
                        "MACD histogram at " + num(h, 4)), 1, h > 0 ? 0.5 : -0.5);
            }
        }

        momentum(sb, c, 63, "3M", "3개월", "3-month", 0.10, 1);
        momentum(sb, c, 126, "6M", "6개월", "6-month", 0.20, 1);
        momentum(sb, c, 252, "12M", "12개월", "12-month", 0.30, 1.5);

        double[] hi = p.high();
        double[] lo = p.low();
        if (n >= 60) {
            double high52 = Double.NEGATIVE_INFINITY;
            for (int i = Math.max(0, n - 252); i < n; i++) {
                high52 = Math.max(high52, Math.max(hi[i], c[i]));
            }
            double dist = close / high52 - 1;
            String window = n >= 252 ? "52주" : n + "일";
            String windowEn = n >= 252 ? "52-week" : n + "-bar";
            sb.component(signal("DISTANCE_52W_HIGH", dist, window + " 최고가 대비 " + pct(dist),
                    pct(dist) + " from the " + windowEn + " high"), 1, linear(dist, -0.15, 0));
        }
        double upper = Indicators.donchianHigh(hi, 20)[last - 1];
        double lower = Indicators.donchianLow(lo, 20)[last - 1];
        if (close > upper) {
            sb.component(signal("DONCHIAN_BREAKOUT_20D", close / upper - 1,
                    "종가가 직전 20일 최고가를 " + pct(close / upper - 1) + " 돌파",
                    "Close broke above the prior 20-day high by " + pct(close / upper - 1)), 1, 1);
        } else if (close < lower) {
            sb.component(signal("DONCHIAN_BREAKDOWN_20D", close / lower - 1,
                    "종가가 직전 20일 최저가를 " + pct(close / lower - 1) + " 하회",
                    "Close fell below the prior 20-day low by " + pct(close / lower - 1)), 1, -1);
        }

        double[] v = p.volume();
        double avg = 0;
        for (int i = last - 20; i < last; i++) {
            avg += v[i];
        }
        avg /= 20;
        if (avg > 0) {
            double ratio = v[last] / avg;
            double dir = Math.signum(close - c[last - 1]);
            sb.component(signal("VOLUME_RATIO_20D", ratio, "거래량이 20일 평균의 " + num(ratio, 2) + "배",
                    "Volume is " + num(ratio, 2) + "x its 20-day average"), 0.5,
                    dir * Math.min(Math.max(ratio - 1, 0), 1));
        } else {
            sb.info(signal("NO_VOLUME", 0, "최근 20일 거래량이 없습니다", "No volume over the last 20 days"));
        }
        return sb.build();
    }

    private static void trendVs(ScoreBuilder sb, double[] c, int period, double weight) {
        double sma = Indicators.last(Indicators.sma(c, period));
        double rel = Indicators.last(c) / sma - 1;
        sb.component(signal("CLOSE_VS_SMA" + period, rel,
                "종가가 " + period + "일 이동평균 대비 " + pct(rel),
                "Close is " + pct(rel) + " vs its " + period + "-day average"), weight, rel > 0 ? 1 : -1);
    }

    private static void cross(ScoreBuilder sb, double[] fast, double[] slow, int last) {
        for (int ago = 0; ago < 10 && last - ago - 1 >= 0; ago++) {
            int i = last - ago;
            double d = fast[i] - slow[i];
            double prev = fast[i - 1] - slow[i - 1];
            if (Double.isNaN(prev) || Double.isNaN(d)) {
                return;
            }
            if (prev <= 0 && d > 0) {
                sb.component(signal("GOLDEN_CROSS", ago, ago + "거래일 전 골든크로스(50일선이 200일선 상향 돌파)",
                        "Golden cross (50-day above 200-day average) " + ago + " bars ago"), 1.5, 1);
                return;
            }
            if (prev >= 0 && d < 0) {
                sb.component(signal("DEATH_CROSS", ago, ago + "거래일 전 데드크로스(50일선이 200일선 하향 돌파)",
                        "Death cross (50-day below 200-day average) " + ago + " bars ago"), 1.5, -1);
                return;
            }
        }
    }

    private static void momentum(ScoreBuilder sb, double[] c, int bars, String code, String ko, String en,
            double scale, double weight) {
        int end = c.length - 1 - 21;
        double r = Indicators.returnBetween(c, end, bars - 21);
        if (!Double.isNaN(r)) {
            sb.component(signal("MOMENTUM_" + code, r, ko + " 모멘텀(최근 1개월 제외) " + pct(r),
                    en + " momentum (skipping the last month) " + pct(r)), weight, r / scale);
        }
    }
}
