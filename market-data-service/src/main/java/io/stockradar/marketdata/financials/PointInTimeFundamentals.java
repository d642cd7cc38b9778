package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.FundamentalsHistory;
import io.stockradar.marketdata.provider.Market;
import io.stockradar.marketdata.provider.ReportedFigures;
import io.stockradar.marketdata.provider.ReportedFigures.Period;
import io.stockradar.marketdata.provider.SharesOutstanding;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A company's fundamentals as they could be known on an analysis date: only figures public on or before that
 * day ({@link ReportedFigures#availableFrom()}), the close of the last trading day on or before it, the share
 * count published last before it. Pure: same dataset and date, same answer.
 * <p>
 * Decisions:
 * <ul>
 * <li>Several vintages of one period (a KR figure restated as the comparative column of a later report): the
 *     newest one already public on the date; when none is yet (DART comparatives are all the dataset has for
 *     FY2024 KR income statements), the earliest, dated by when the figure itself first became public (the
 *     "practical" rule of the fixture's SOURCES.md).</li>
 * <li>Income statement: trailing twelve months when quarters allow (US: the last four quarters, consecutive;
 *     KR: last fiscal year + this year's year-to-date − last year's year-to-date), else the latest fiscal year.
 *     An item is absent when any of its parts is.</li>
 * <li>Balance sheet: the latest one public (US: fiscal year-end only, the source has no quarterly balance
 *     sheets; KR: any report).</li>
 * <li>Shares: KR listed shares from the dated KIS master; US diluted weighted-average shares of the latest
 *     fiscal year (the source has no period-end count). Market cap = close × shares.</li>
 * <li>PER keeps its sign (a loss gives a negative PER, the agent's NEGATIVE_EARNINGS); PBR too (negative
 *     equity). ROE and debt ratio need positive equity, the margin positive revenue, growth a positive base.
 *     Anything not computable is null, never 0.</li>
 * </ul>
 */
final class PointInTimeFundamentals {

    static final String TTM = "TTM";
    static final String ANNUAL = "ANNUAL";

    /** One dated input behind the figures: {@code INCOME}, {@code BALANCE}, {@code SHARES} or {@code PRICE}. */
    record Input(String kind, String period, Integer fiscalYear, LocalDate periodEnd, LocalDate availableFrom,
                 String basis) {
    }

    /** Amounts in the market's currency, ratios in percent except PER/PBR; null = unknown. */
    record Figures(String symbol, Market market, LocalDate analysisDate, String basis, LocalDate periodEnd,
                   Double revenue, Double operatingIncome, Double netIncome, LocalDate balanceSheetDate,
                   Double totalEquity, Double totalLiabilities, Double shares, Double price, LocalDate priceDate,
                   Double marketCap, Double per, Double pbr, Double roe, Double operatingMargin, Double debtRatio,
                   Double revenueGrowthYoY, Double operatingIncomeGrowthYoY, List<Input> inputs) {

        /** The latest availability date of any input: never after {@link #analysisDate()}. */
        LocalDate availableFrom() {
            return inputs.stream().map(Input::availableFrom).max(Comparator.naturalOrder()).orElse(null);
        }
    }

    private record Income(String basis, LocalDate periodEnd, Double revenue, Double operatingIncome,
                          Double netIncome, List<ReportedFigures> parts) {
    }

    private final FundamentalsHistory history;
    private final Function<String, Optional<DailySeries>> series;

    PointInTimeFundamentals(FundamentalsHistory history, Function<String, Optional<DailySeries>> series) {
        this.history = history;
        this.series = series;
    }

    /** Figures known on {@code date}; empty when nothing was public yet (or the dataset has no figures). */
    Optional<Figures> at(String symbol, LocalDate date) {
        List<ReportedFigures> known = history.reported(symbol).stream()
                .filter(r -> !r.availableFrom().isAfter(date)).toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Market market = known.getFirst().market();
        Comparator<ReportedFigures> order = market == Market.US
                ? Comparator.comparing(ReportedFigures::periodEnd)
                : Comparator.comparingInt(ReportedFigures::fiscalYear).thenComparingInt(r -> krOrder(r.period()));
        List<ReportedFigures> income = resolve(known, ReportedFigures::income, date, order);
        List<ReportedFigures> balance = resolve(known, ReportedFigures::balance, date, order);
        List<Input> inputs = new ArrayList<>();

        Income current = market == Market.US ? usIncome(income) : krIncome(income);
        Income prior = current == null ? null : market == Market.US ? usPrior(income, current) : krPrior(income, current);
        if (current != null) {
            current.parts().forEach(r -> inputs.add(input("INCOME", r)));
        }
        ReportedFigures sheet = balance.isEmpty() ? null : balance.getLast();
        if (current == null && sheet == null) {
            return Optional.empty(); // e.g. one stray quarter without net income: nothing to judge a company by
        }
        if (sheet != null) {
            inputs.add(input("BALANCE", sheet));
        }

        Double shares = null;
        if (market == Market.KR) {
            SharesOutstanding published = null;
            for (SharesOutstanding s : history.shares(symbol)) {
                if (!s.date().isAfter(date)) {
                    published = s;
                }
            }
            if (published != null) {
                shares = (double) published.shares();
                inputs.add(new Input("SHARES", null, null, published.date(), published.date(), "kis_master"));
            }
        } else {
            ReportedFigures fy = null;
            for (ReportedFigures r : income) {
                if (r.period() == Period.FY && positive(r.dilutedShares())) {
                    fy = r;
                }
            }
            if (fy != null) {
                shares = fy.dilutedShares();
                inputs.add(input("SHARES", fy));
            }
        }

        Double price = null;
        LocalDate priceDate = null;
        DailySeries bars = series.apply(symbol).orElse(null);
        if (bars != null) {
            int i = bars.indexOnOrAfter(date.plusDays(1)) - 1; // the last bar on or before the date
            if (i >= 0) {
                price = bars.close()[i];
                priceDate = bars.date(i);
                inputs.add(new Input("PRICE", null, null, priceDate, priceDate, "close"));
            }
        }

        Double revenue = current == null ? null : current.revenue();
        Double operatingIncome = current == null ? null : current.operatingIncome();
        Double netIncome = current == null ? null : current.netIncome();
        Double equity = sheet == null ? null : sheet.totalEquity();
        Double liabilities = sheet == null ? null : sheet.totalLiabilities();
        Double marketCap = positive(price) && positive(shares) ? price * shares : null;
        Double per = marketCap != null && nonZero(netIncome) ? marketCap / netIncome : null;
        Double pbr = marketCap != null && nonZero(equity) ? marketCap / equity : null;
        Double roe = positive(equity) && netIncome != null ? netIncome / equity * 100.0 : null;
        Double margin = positive(revenue) && operatingIncome != null ? operatingIncome / revenue * 100.0 : null;
        Double debt = positive(equity) && liabilities != null ? liabilities / equity * 100.0 : null;
        Double revenueGrowth = null;
        Double operatingGrowth = null;
        if (prior != null) {
            revenueGrowth = growth(revenue, prior.revenue());
            operatingGrowth = growth(operatingIncome, prior.operatingIncome());
            if (revenueGrowth != null || operatingGrowth != null) {
                prior.parts().forEach(r -> inputs.add(input("INCOME_PRIOR_YEAR", r)));
            }
        }
        return Optional.of(new Figures(symbol, market, date, current == null ? null : current.basis(),
                current == null ? null : current.periodEnd(), revenue, operatingIncome, netIncome,
                sheet == null ? null : sheet.periodEnd(), equity, liabilities, shares, price, priceDate, marketCap,
                per, pbr, roe, margin, debt, revenueGrowth, operatingGrowth, List.copyOf(inputs)));
    }

    /** Per period, the vintage to use on {@code date}, oldest period first. */
    private static List<ReportedFigures> resolve(List<ReportedFigures> known, Predicate<ReportedFigures> carries,
                                                 LocalDate date, Comparator<ReportedFigures> order) {
        Map<String, ReportedFigures> chosen = new LinkedHashMap<>();
        for (ReportedFigures r : known) {
            if (!carries.test(r)) {
                continue;
            }
            chosen.merge(r.period() + "/" + r.fiscalYear() + "/" + r.periodEnd(), r, (a, b) -> better(a, b, date));
        }
        List<ReportedFigures> out = new ArrayList<>(chosen.values());
        out.sort(order);
        return out;
    }

    /** The newest vintage already public on the date; when neither is, the earlier one. */
    private static ReportedFigures better(ReportedFigures a, ReportedFigures b, LocalDate date) {
        boolean aPublic = !a.vintageFrom().isAfter(date);
        boolean bPublic = !b.vintageFrom().isAfter(date);
        if (aPublic != bPublic) {
            return aPublic ? a : b;
        }
        if (aPublic) {
            return b.vintageFrom().isAfter(a.vintageFrom()) ? b : a;
        }
        return b.vintageFrom().isBefore(a.vintageFrom()) ? b : a;
    }

    /**
     * US: the sum of the last four quarters when they are consecutive and newer than the last fiscal year
     * (a 52/53-week year included), else that fiscal year.
     */
    private static Income usIncome(List<ReportedFigures> income) {
        List<ReportedFigures> quarters = income.stream().filter(r -> r.period() == Period.QUARTER).toList();
        ReportedFigures fy = income.stream().filter(r -> r.period() == Period.FY).reduce((a, b) -> b).orElse(null);
        int last = quarters.size() - 1;
        if (last >= 3 && (fy == null || quarters.get(last).periodEnd().isAfter(fy.periodEnd()))) {
            Income ttm = quarterSum(quarters, last);
            if (ttm != null) {
                return ttm;
            }
        }
        return fy == null ? null : annual(fy);
    }

    /** US: the same basis one year earlier (four quarters or the previous fiscal year, ~365 days before). */
    private static Income usPrior(List<ReportedFigures> income, Income current) {
        if (TTM.equals(current.basis())) {
            List<ReportedFigures> quarters = income.stream().filter(r -> r.period() == Period.QUARTER).toList();
            int last = quarters.indexOf(current.parts().getLast());
            if (last - 4 >= 3 && about(quarters.get(last - 4).periodEnd(), current.periodEnd(), 365, 15)) {
                return quarterSum(quarters, last - 4);
            }
            return null;
        }
        ReportedFigures previous = null;
        for (ReportedFigures r : income) {
            if (r.period() == Period.FY && about(r.periodEnd(), current.periodEnd(), 365, 15)) {
                previous = r;
            }
        }
        return previous == null ? null : annual(previous);
    }

    private static Income quarterSum(List<ReportedFigures> quarters, int last) {
        List<ReportedFigures> four = quarters.subList(last - 3, last + 1);
        // consecutive: three quarter-ends from the first to the last (52/53-week years included)
        if (!about(four.getFirst().periodEnd(), four.getLast().periodEnd(), 275, 15)) {
            return null;
        }
        Double netIncome = sum(four, ReportedFigures::netIncome);
        if (netIncome == null) {
            return null;
        }
        return new Income(TTM, four.getLast().periodEnd(), sum(four, ReportedFigures::revenue),
                sum(four, ReportedFigures::operatingIncome), netIncome, List.copyOf(four));
    }

    /**
     * KR: the latest fiscal year, or when an interim report is newer, the fiscal year before it + this
     * year-to-date − the same year-to-date a year earlier; without those parts, the last full year.
     */
    private static Income krIncome(List<ReportedFigures> income) {
        if (income.isEmpty()) {
            return null;
        }
        ReportedFigures latest = income.getLast();
        if (latest.period() == Period.FY) {
            return annual(latest);
        }
        Income ttm = krTrailing(income, latest.period(), latest.fiscalYear());
        return ttm != null ? ttm : find(income, Period.FY, latest.fiscalYear() - 1)
                .map(PointInTimeFundamentals::annual).orElse(null);
    }

    /** KR: the same basis one year earlier. */
    private static Income krPrior(List<ReportedFigures> income, Income current) {
        if (TTM.equals(current.basis())) {
            ReportedFigures ytd = current.parts().get(1);
            return krTrailing(income, ytd.period(), ytd.fiscalYear() - 1);
        }
        return find(income, Period.FY, current.parts().getFirst().fiscalYear() - 1)
                .map(PointInTimeFundamentals::annual).orElse(null);
    }

    private static Income krTrailing(List<ReportedFigures> income, Period period, int year) {
        Optional<ReportedFigures> lastYear = find(income, Period.FY, year - 1);
        Optional<ReportedFigures> ytd = find(income, period, year);
        Optional<ReportedFigures> ytdBefore = find(income, period, year - 1);
        if (lastYear.isEmpty() || ytd.isEmpty() || ytdBefore.isEmpty()) {
            return null;
        }
        List<ReportedFigures> parts = List.of(lastYear.get(), ytd.get(), ytdBefore.get());
        Double netIncome = ttm(parts, ReportedFigures::netIncome);
        return netIncome == null ? null : new Income(TTM, ytd.get().periodEnd(), ttm(parts, ReportedFigures::revenue),
                ttm(parts, ReportedFigures::operatingIncome), netIncome, parts);
    }

    private static Optional<ReportedFigures> find(List<ReportedFigures> income, Period period, int year) {
        return income.stream().filter(r -> r.period() == period && r.fiscalYear() == year).findFirst();
    }

    private static Income annual(ReportedFigures fy) {
        return new Income(ANNUAL, fy.periodEnd(), fy.revenue(), fy.operatingIncome(), fy.netIncome(), List.of(fy));
    }

    private static Double ttm(List<ReportedFigures> parts, Function<ReportedFigures, Double> item) {
        Double year = item.apply(parts.get(0));
        Double ytd = item.apply(parts.get(1));
        Double ytdBefore = item.apply(parts.get(2));
        return year == null || ytd == null || ytdBefore == null ? null : year + ytd - ytdBefore;
    }

    private static Double sum(List<ReportedFigures> parts, Function<ReportedFigures, Double> item) {
        double total = 0;
        for (ReportedFigures r : parts) {
            Double v = item.apply(r);
            if (v == null) {
                return null;
            }
            total += v;
        }
        return total;
    }

    private static boolean about(LocalDate from, LocalDate to, int days, int slack) {
        return from != null && to != null && Math.abs(ChronoUnit.DAYS.between(from, to) - days) <= slack;
    }

    private static int krOrder(Period p) {
        return switch (p) {
            case Q1 -> 1;
            case H1 -> 2;
            case M9 -> 3;
            case FY, QUARTER -> 4;
        };
    }

    private static Input input(String kind, ReportedFigures r) {
        return new Input(kind, r.period().name(), r.fiscalYear(), r.periodEnd(), r.availableFrom(), r.basis());
    }

    static Double growth(Double current, Double prior) {
        return current != null && positive(prior) ? (current - prior) / prior * 100.0 : null;
    }

    private static boolean positive(Double v) {
        return v != null && v > 0 && Double.isFinite(v);
    }

    private static boolean nonZero(Double v) {
        return v != null && v != 0 && Double.isFinite(v);
    }
}
