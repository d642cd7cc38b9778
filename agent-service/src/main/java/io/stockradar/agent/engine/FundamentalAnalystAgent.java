package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.num;
import static io.stockradar.agent.engine.Scoring.round2;
import static io.stockradar.agent.engine.Scoring.signal;

import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Agent 4 — fundamental analyst.
 *
 * <p>Each metric the stock reports (PER, PBR, ROE, operating margin, debt ratio, revenue growth YoY,
 * operating-income growth YoY) is scored as a percentile among the other companies of its sector in
 * the current universe that report it: {@code 100 · (worse + ½ · ties) / others}, so the best is 100
 * and the worst 0; lower is better for PER, PBR and debt ratio. A sector with fewer than
 * {@value #MIN_OTHERS} other reporters falls back to the whole universe (the sentence says so); with
 * fewer still the metric is not scored. PER or PBR ≤ 0 (losses, negative equity) scores 0 — a
 * company that loses money is not "cheap" — and such peers rank as worse than every positive
 * multiple. The score is the mean of the metric scores minus a penalty per risk flag dated within
 * {@value #FLAG_WINDOW_DAYS} days of the stock's last price (undated flags count): 25 points for
 * halts, administrative issue, liquidation trading, rehabilitation, delisting review and the
 * "investment risk" warning; 15 for capital reduction and the "investment warning"; 10 for others
 * (rights offering, convertible/exchangeable bonds, "investment caution"). The agent abstains with
 * {@code NO_FUNDAMENTALS} when there are no fundamentals, no scorable metric, or figures older than
 * {@value #STALE_DAYS} days (value = age in days); its risk-flag signals stay visible then. Metrics the
 * company does not report are named in one {@code FUNDAMENTALS_MISSING} signal (value = how many; no
 * impact): absent is not zero, but the reader sees what the score rests on.
 */
final class FundamentalAnalystAgent {

    static final int MIN_OTHERS = 3;
    static final int FLAG_WINDOW_DAYS = 90;
    static final int STALE_DAYS = 550;

    enum Metric {
        PER("PER", "PER", false, true, Fundamentals::per),
        PBR("PBR", "PBR", false, true, Fundamentals::pbr),
        ROE("ROE", "ROE", true, false, Fundamentals::roe),
        OPERATING_MARGIN("영업이익률", "operating margin", true, false, Fundamentals::operatingMargin),
        DEBT_RATIO("부채비율", "debt ratio", false, false, Fundamentals::debtRatio),
        REVENUE_GROWTH_YOY("매출 성장률(YoY)", "revenue growth YoY", true, false, Fundamentals::revenueGrowthYoY),
        OPERATING_INCOME_GROWTH_YOY("영업이익 성장률(YoY)", "operating-income growth YoY", true, false,
                Fundamentals::operatingIncomeGrowthYoY);

        final String ko;
        final String en;
        final boolean higherIsBetter;
        final boolean multiple; // a valuation multiple: values <= 0 are meaningless as "cheap"
        final Function<Fundamentals, Double> getter;

        Metric(String ko, String en, boolean higherIsBetter, boolean multiple, Function<Fundamentals, Double> getter) {
            this.ko = ko;
            this.en = en;
            this.higherIsBetter = higherIsBetter;
            this.multiple = multiple;
            this.getter = getter;
        }

        double of(Fundamentals f) {
            Double v = f == null ? null : getter.apply(f);
            return v == null || !Double.isFinite(v) ? Double.NaN : v;
        }
    }

    /** Metric values of the universe by sector (and for the whole universe), computed once per request. */
    static final class Peers {
        private final Map<String, double[][]> bySector = new HashMap<>();
        private final double[][] all;

        Peers(List<Stock> universe) {
            Map<String, List<Stock>> groups = new HashMap<>();
            for (Stock s : universe) {
                groups.computeIfAbsent(s.sector() == null ? "" : s.sector(), k -> new ArrayList<>()).add(s);
            }
            for (Map.Entry<String, List<Stock>> e : groups.entrySet()) {
                bySector.put(e.getKey(), values(e.getValue()));
            }
            all = values(universe);
        }

        private static double[][] values(List<Stock> stocks) {
            Metric[] metrics = Metric.values();
            double[][] out = new double[metrics.length][];
            for (Metric m : metrics) {
                double[] v = new double[stocks.size()];
                int k = 0;
                for (Stock s : stocks) {
                    double x = m.of(s.fundamentals());
                    if (!Double.isNaN(x)) {
                        v[k++] = x;
                    }
                }
                out[m.ordinal()] = Arrays.copyOf(v, k);
            }
            return out;
        }
    }

    Verdict analyze(Stock stock, Peers peers) {
        Fundamentals f = stock.fundamentals();
        if (f == null) {
            return Verdict.abstain(signal("NO_FUNDAMENTALS", 0, "재무 데이터가 없어 펀더멘털 점수를 내지 않습니다",
                    "No financial statements: no fundamental score"));
        }
        LocalDate priceDate = stock.prices().lastDate();
        List<Scored> flags = flags(f, priceDate);
        double penalty = 0;
        for (Scored s : flags) {
            penalty -= s.impact();
        }
        if (f.asOf() != null && priceDate != null && ChronoUnit.DAYS.between(f.asOf(), priceDate) > STALE_DAYS) {
            long age = ChronoUnit.DAYS.between(f.asOf(), priceDate);
            return abstain(signal("NO_FUNDAMENTALS", age,
                    "최근 재무 데이터가 " + f.asOf() + " 기준(" + age + "일 전)으로 오래되어 펀더멘털 점수를 내지 않습니다",
                    "Latest financials are from " + f.asOf() + " (" + age + " days old): no fundamental score"), flags);
        }
        double[][] sector = peers.bySector.get(stock.sector() == null ? "" : stock.sector());
        List<Scored> metrics = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Metric> absent = new ArrayList<>();
        for (Metric m : Metric.values()) {
            double v = m.of(f);
            if (Double.isNaN(v)) {
                absent.add(m);
                continue;
            }
            double[] group = sector[m.ordinal()];
            boolean marketWide = group.length - 1 < MIN_OTHERS;
            if (marketWide) {
                group = peers.all[m.ordinal()];
                if (group.length - 1 < MIN_OTHERS) {
                    continue;
                }
            }
            double score = percentile(m, v, group);
            String vs = marketWide ? "시장 전체" : "업종 내";
            String vsEn = marketWide ? "the market" : "its sector";
            Signal sig;
            if (m.multiple && v <= 0) {
                sig = signal(m == Metric.PER ? "NEGATIVE_EARNINGS" : "NEGATIVE_EQUITY", v,
                        m.ko + " " + num(v, 2) + " — " + (m == Metric.PER ? "적자 기업" : "자본잠식") + "이라 최하점",
                        m.en + " " + num(v, 2) + " — " + (m == Metric.PER ? "loss-making" : "negative equity")
                                + ", scored lowest");
            } else {
                sig = signal(m.name(), v,
                        m.ko + " " + num(v, 2) + ", " + vs + " " + (group.length - 1) + "개 기업 대비 백분위 " + num(score, 0),
                        m.en + " " + num(v, 2) + ": percentile " + num(score, 0) + " vs " + (group.length - 1)
                                + " peers in " + vsEn);
            }
            metrics.add(new Scored(sig, score));
            scores.add(score);
        }
        Scored missing = absent.isEmpty() ? null : new Scored(missing(absent), 0);
        if (scores.isEmpty()) {
            Verdict verdict = abstain(signal("NO_FUNDAMENTALS", 0, "비교 가능한 재무 지표가 없어 펀더멘털 점수를 내지 않습니다",
                    "No comparable financial metric: no fundamental score"), flags);
            if (missing == null) {
                return verdict;
            }
            List<Scored> items = new ArrayList<>(verdict.items());
            items.add(1, missing);
            return new Verdict(null, items);
        }
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= scores.size();
        List<Scored> items = new ArrayList<>();
        for (Scored s : metrics) {
            items.add(new Scored(s.signal(), (s.impact() - 50.0) / scores.size()));
        }
        items.addAll(flags);
        if (missing != null) {
            items.add(missing);
        }
        return new Verdict(round2(Math.max(0, mean - penalty)), items);
    }

    /**
     * The metrics the company does not report (a bank's operating margin, a PER without a share count): left
     * out of the mean and said so, so a reader sees the score rests on fewer metrics; never scored as zero.
     */
    private static Signal missing(List<Metric> absent) {
        List<String> ko = absent.stream().map(m -> m.ko).toList();
        List<String> en = absent.stream().map(m -> m.en).toList();
        return signal("FUNDAMENTALS_MISSING", absent.size(),
                "재무 지표 없음: " + String.join(", ", ko) + " — 점수에서 제외(0점 처리 아님)",
                "Not reported: " + String.join(", ", en) + " — left out of the score, not scored as zero");
    }

    /** Percentile 0-100 of {@code v} among {@code group} (which contains v itself once). */
    static double percentile(Metric m, double v, double[] group) {
        if (m.multiple && v <= 0) {
            return 0;
        }
        int worse = 0;
        int ties = -1; // the stock itself
        for (double g : group) {
            if (g == v) {
                ties++;
            } else if (m.multiple && g <= 0) {
                worse++;
            } else if (m.higherIsBetter ? g < v : g > v) {
                worse++;
            }
        }
        return 100.0 * (worse + 0.5 * ties) / (group.length - 1);
    }

    private static List<Scored> flags(Fundamentals f, LocalDate priceDate) {
        List<Scored> out = new ArrayList<>();
        for (RiskFlag flag : f.riskFlags()) {
            if (flag.date() != null && priceDate != null
                    && flag.date().isBefore(priceDate.minusDays(FLAG_WINDOW_DAYS))) {
                continue;
            }
            int penalty = penalty(flag.code());
            String when = flag.date() == null ? "" : " (" + flag.date() + ")";
            out.add(new Scored(signal("RISK_FLAG_" + flag.code(), -penalty,
                    "위험 공시/지정: " + flag.title() + when + " → " + penalty + "점 감점",
                    "Risk flag: " + flag.title() + when + " → minus " + penalty + " points"), -penalty));
        }
        return out;
    }

    static int penalty(String code) {
        String c = code == null ? "" : code.toUpperCase(Locale.ROOT);
        if (c.contains("HALT") || c.contains("ADMINISTRATIVE") || c.contains("LIQUIDATION")
                || c.contains("REHABILITATION") || c.contains("DELISTING") || c.equals("MARKET_WARNING_RISK")) {
            return 25;
        }
        if (c.contains("CAPITAL_REDUCTION") || c.equals("MARKET_WARNING_WARNING")) {
            return 15;
        }
        return 10;
    }

    private static Verdict abstain(Signal why, List<Scored> flags) {
        List<Scored> items = new ArrayList<>();
        items.add(new Scored(why, 0));
        for (Scored s : flags) {
            items.add(new Scored(s.signal(), 0));
        }
        return new Verdict(null, items);
    }
}
