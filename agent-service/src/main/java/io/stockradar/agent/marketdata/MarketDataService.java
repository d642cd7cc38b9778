package io.stockradar.agent.marketdata;

import io.stockradar.agent.engine.Fundamentals;
import io.stockradar.agent.engine.MarketInput;
import io.stockradar.agent.engine.PriceSeries;
import io.stockradar.agent.engine.RiskFlag;
import io.stockradar.agent.engine.Stock;
import io.stockradar.agent.marketdata.MarketDataApi.BarsResponse;
import io.stockradar.agent.marketdata.MarketDataApi.FundamentalsItem;
import io.stockradar.agent.marketdata.MarketDataApi.FundamentalsResponse;
import io.stockradar.agent.marketdata.MarketDataApi.Member;
import io.stockradar.agent.marketdata.MarketDataApi.Series;
import io.stockradar.agent.marketdata.MarketDataApi.UniverseResponse;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Loads a market's data from market-data-service and turns it into engine input. A market's context
 * (its default universes' members with ~{@code history-days} of bars and their fundamentals) is loaded
 * once per {@code context-ttl} and shared: concurrent callers wait for the one load in flight.
 */
@Service
public class MarketDataService {

    /** The most trailing days market-data-service serves per call. */
    static final int MAX_FETCH_DAYS = 1000;

    /** Bars of the benchmark an analysis date needs behind it: the market regime agent's minimum. */
    static final int MIN_HISTORY_BARS = 50;

    private static final Logger log = LoggerFactory.getLogger(MarketDataService.class);

    private final MarketDataClient client;
    private final MarketDataProperties properties;
    private final Clock clock;
    /** Past-date contexts kept at most (each a full market context); the latest ones are always kept. */
    static final int MAX_PAST_CONTEXTS = 8;

    private final ConcurrentMap<ContextKey, CachedContext> cache = new ConcurrentHashMap<>();

    @Autowired
    MarketDataService(MarketDataClient client, MarketDataProperties properties) {
        this(client, properties, Clock.systemUTC());
    }

    MarketDataService(MarketDataClient client, MarketDataProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** The market's default-universe context (cached). */
    public MarketContext context(Market market) {
        return cached(new ContextKey(market, null), () -> load(market));
    }

    /**
     * The market's context as of a past date (issue 18): every series cut after the last trading day on or before
     * {@code asOf} (the benchmark's calendar), {@code historyDays} bars up to it, fundamentals as known on it.
     * {@code null}, or a date on or after the latest data's last bar, is the latest context. A non-trading day is
     * snapped to the trading day before it ({@link MarketContext#dataAsOf()} says which). Cached like the latest
     * context (at most {@value #MAX_PAST_CONTEXTS} past dates at a time), under its own key.
     *
     * @throws ApiProblem 400 naming {@code asOf}: a date after today in the market's time zone, or one before the
     *                    data starts or with fewer than {@value #MIN_HISTORY_BARS} bars of history
     */
    public MarketContext context(Market market, LocalDate asOf) {
        if (asOf == null) {
            return context(market);
        }
        if (asOf.isAfter(LocalDate.now(clock.withZone(market.zone())))) {
            throw ApiProblem.badRequest("asOf", "must not be in the future (today in " + market + " is "
                    + LocalDate.now(clock.withZone(market.zone())) + ")");
        }
        MarketContext latest = context(market);
        if (!asOf.isBefore(latest.dataAsOf())) {
            return latest;
        }
        PriceSeries benchmark = latest.input().benchmark();
        int last = benchmark.length() - 1;
        while (last >= 0 && date(benchmark, last).isAfter(asOf)) {
            last--;
        }
        // trading days after the cut-off, from the latest data; before its first bar, as far back as market-data goes
        int fetchDays = last < 0 ? MAX_FETCH_DAYS
                : Math.min(MAX_FETCH_DAYS, properties.historyDays() + (benchmark.length() - 1 - last));
        LocalDate cutOff = last < 0 ? asOf : date(benchmark, last);
        if (cutOff.isBefore(asOf) && last >= 0) {
            log.debug("{} as of {}: not a trading day, snapped to {}", market, asOf, cutOff);
        }
        MarketContext context = cached(new ContextKey(market, cutOff), () -> loadAsOf(latest, cutOff, fetchDays));
        if (context.input().benchmark().length() < MIN_HISTORY_BARS) {
            throw ApiProblem.badRequest("asOf", "is before the " + market + " data starts or leaves too little history: "
                    + context.input().benchmark().length() + " trading days up to " + asOf + ", at least "
                    + MIN_HISTORY_BARS + " needed");
        }
        return context;
    }

    private MarketContext cached(ContextKey key, Supplier<MarketContext> loader) {
        while (true) {
            Instant now = clock.instant();
            CachedContext cached = cache.get(key);
            if (cached != null && now.isBefore(cached.expiresAt())) {
                return await(key, cached);
            }
            CachedContext fresh = new CachedContext(new CompletableFuture<>(), now.plus(properties.contextTtl()));
            boolean mine = cached == null ? cache.putIfAbsent(key, fresh) == null : cache.replace(key, cached, fresh);
            if (!mine) {
                continue;
            }
            if (key.asOf() != null) {
                forgetPastContextsBeyondTheLimit(key, now);
            }
            try {
                MarketContext context = loader.get();
                fresh.context().complete(context);
                return context;
            } catch (RuntimeException e) {
                cache.remove(key, fresh);
                fresh.context().completeExceptionally(e);
                throw e;
            }
        }
    }

    private void forgetPastContextsBeyondTheLimit(ContextKey keep, Instant now) {
        cache.entrySet().removeIf(entry -> entry.getKey().asOf() != null && !entry.getKey().equals(keep)
                && !now.isBefore(entry.getValue().expiresAt()));
        List<ContextKey> past = cache.keySet().stream()
                .filter(key -> key.asOf() != null && !key.equals(keep)).toList();
        for (int i = 0; i < past.size() - (MAX_PAST_CONTEXTS - 1); i++) {
            cache.remove(past.get(i));
        }
    }

    /**
     * The market's context plus symbols outside its default universes (a custom list), fetched now.
     * Symbols without bars end up in {@link MarketContext#missing()}.
     */
    public MarketContext withSymbols(MarketContext base, List<String> symbols) {
        // Members the context already knows to have no data are not asked for again: a run or chunk naming one
        // would otherwise fetch it every time and get a new input, which the engine's per-input memo cannot reuse.
        List<String> extra = symbols.stream()
                .filter(symbol -> !base.contains(symbol) && !base.missing().contains(symbol)).distinct().toList();
        if (extra.isEmpty()) {
            return base;
        }
        LocalDate cutOff = base.cutOff();
        BarsResponse bars = client.bars(extra, cutOff == null ? properties.historyDays() : MAX_FETCH_DAYS);
        FundamentalsResponse fundamentals = client.fundamentals(extra, base.dataAsOf());
        List<Stock> stocks = new ArrayList<>(base.input().universe());
        Set<String> missing = new LinkedHashSet<>(base.missing());
        for (String symbol : extra) {
            PriceSeries prices = cut(priceSeries(bars.series() == null ? null : bars.series().get(symbol)), cutOff);
            if (prices == null || prices.length() == 0) {
                missing.add(symbol);
                continue;
            }
            FundamentalsItem item = fundamentals.items() == null ? null : fundamentals.items().get(symbol);
            Double marketCap = item == null ? null : item.marketCap();
            stocks.add(new Stock(symbol, symbol, base.market().name(), null, marketCap, prices, fundamentals(item)));
        }
        MarketInput input = new MarketInput(base.input().market(), base.input().benchmark(), base.input().secondary(), stocks);
        return new MarketContext(base.market(), input, base.dataAsOf(), base.source(), base.members(), missing, cutOff);
    }

    private MarketContext await(ContextKey key, CachedContext cached) {
        try {
            return cached.context().join();
        } catch (CompletionException e) {
            cache.remove(key, cached);
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private MarketContext load(Market market) {
        long started = System.nanoTime();
        Map<String, Member> members = new LinkedHashMap<>();
        Map<Market.Universe, List<String>> memberships = new EnumMap<>(Market.Universe.class);
        for (Market.Universe universe : market.defaultUniverses()) {
            UniverseResponse response = client.universe(universe.name());
            if (response == null || response.members() == null) {
                throw ApiProblem.unavailable("Universe " + universe + " is not available from market data");
            }
            List<String> symbols = new ArrayList<>();
            for (Member member : response.members()) {
                if (member.symbol() != null) {
                    members.putIfAbsent(member.symbol(), member);
                    symbols.add(member.symbol());
                }
            }
            memberships.put(universe, List.copyOf(symbols));
        }
        List<String> symbols = new ArrayList<>(members.keySet());
        List<String> request = new ArrayList<>(symbols);
        request.add(market.benchmark());
        request.add(market.secondary());
        BarsResponse bars = client.bars(request, properties.historyDays());
        Map<String, Series> series = bars.series() == null ? Map.of() : bars.series();
        PriceSeries benchmark = priceSeries(series.get(market.benchmark()));
        if (benchmark == null || benchmark.length() == 0) {
            throw ApiProblem.unavailable("No bars for the " + market + " benchmark " + market.benchmark());
        }
        PriceSeries secondary = priceSeries(series.get(market.secondary()));
        LocalDate dataAsOf = bars.asOf() != null && bars.asOf().get(market.name()) != null
                ? bars.asOf().get(market.name()) : benchmark.lastDate();
        // Fundamentals as known on the day of the last bar: nothing filed after the analysis date (issue 18)
        FundamentalsResponse fundamentals = client.fundamentals(symbols, dataAsOf);
        Map<String, FundamentalsItem> items = fundamentals.items() == null ? Map.of() : fundamentals.items();

        List<Stock> stocks = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (Member member : members.values()) {
            PriceSeries prices = priceSeries(series.get(member.symbol()));
            if (prices == null || prices.length() == 0) {
                missing.add(member.symbol());
                continue;
            }
            String name = member.name() != null ? member.name() : member.symbol();
            stocks.add(new Stock(member.symbol(), name, market.name(), member.sector(), member.marketCap(), prices,
                    fundamentals(items.get(member.symbol()))));
        }
        String source = bars.source() != null ? bars.source() : "unknown";
        log.info("Loaded {} context: {} stocks ({} without bars), data as of {} ({}), in {} ms", market, stocks.size(),
                missing.size(), dataAsOf, source, (System.nanoTime() - started) / 1_000_000);
        return new MarketContext(market, new MarketInput(market.name(), benchmark,
                secondary == null || secondary.length() == 0 ? null : secondary, stocks),
                dataAsOf, source, memberships, missing);
    }

    /**
     * The latest context's members (today's universe membership: the universes' past compositions are not known)
     * with bars fetched far enough back, cut after {@code cutOff}, and fundamentals as known on {@code cutOff}.
     */
    private MarketContext loadAsOf(MarketContext latest, LocalDate cutOff, int fetchDays) {
        long started = System.nanoTime();
        Market market = latest.market();
        List<String> symbols = new ArrayList<>();
        latest.members().values().forEach(list -> list.forEach(symbol -> {
            if (!symbols.contains(symbol)) {
                symbols.add(symbol);
            }
        }));
        List<String> request = new ArrayList<>(symbols);
        request.add(market.benchmark());
        request.add(market.secondary());
        BarsResponse bars = client.bars(request, fetchDays);
        Map<String, Series> series = bars.series() == null ? Map.of() : bars.series();
        PriceSeries benchmark = cut(priceSeries(series.get(market.benchmark())), cutOff);
        if (benchmark == null || benchmark.length() == 0) {
            throw ApiProblem.badRequest("asOf", "is before the " + market + " data starts");
        }
        PriceSeries secondary = cut(priceSeries(series.get(market.secondary())), cutOff);
        FundamentalsResponse fundamentals = client.fundamentals(symbols, cutOff);
        Map<String, FundamentalsItem> items = fundamentals.items() == null ? Map.of() : fundamentals.items();
        List<Stock> stocks = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String symbol : symbols) {
            PriceSeries prices = cut(priceSeries(series.get(symbol)), cutOff);
            if (prices == null || prices.length() == 0) {
                missing.add(symbol);
                continue;
            }
            Stock now = latest.stocks().get(symbol);
            String name = now != null ? now.name() : symbol;
            String sector = now != null ? now.sector() : null;
            FundamentalsItem item = items.get(symbol);
            // the market cap as of the date when market-data knows it, else today's (sizes only the sector statistics)
            Double marketCap = item != null && item.marketCap() != null ? item.marketCap() : now != null ? now.marketCap() : null;
            stocks.add(new Stock(symbol, name, market.name(), sector, marketCap, prices, fundamentals(item)));
        }
        String source = bars.source() != null ? bars.source() : latest.source();
        log.info("Loaded {} context as of {}: {} stocks ({} without bars), {} bars fetched, in {} ms", market, cutOff,
                stocks.size(), missing.size(), fetchDays, (System.nanoTime() - started) / 1_000_000);
        return new MarketContext(market, new MarketInput(market.name(), benchmark,
                secondary == null || secondary.length() == 0 ? null : secondary, stocks),
                benchmark.lastDate(), source, latest.members(), missing, cutOff);
    }

    /** The series up to and including {@code cutOff}, its last {@code historyDays} bars ({@code null} cut-off = as is). */
    private PriceSeries cut(PriceSeries series, LocalDate cutOff) {
        if (series == null || cutOff == null) {
            return series;
        }
        int end = series.length();
        while (end > 0 && date(series, end - 1).isAfter(cutOff)) {
            end--;
        }
        int from = Math.max(0, end - properties.historyDays());
        if (from == 0 && end == series.length()) {
            return series;
        }
        return new PriceSeries(series.symbol(), Arrays.copyOfRange(series.epochDays(), from, end),
                Arrays.copyOfRange(series.open(), from, end), Arrays.copyOfRange(series.high(), from, end),
                Arrays.copyOfRange(series.low(), from, end), Arrays.copyOfRange(series.close(), from, end),
                Arrays.copyOfRange(series.volume(), from, end));
    }

    private static LocalDate date(PriceSeries series, int i) {
        return LocalDate.ofEpochDay(series.epochDays()[i]);
    }

    /**
     * Columnar bars → engine series. {@code close} becomes the adjusted close and open/high/low are scaled
     * by the same factor, so ranges stay consistent across splits and dividends. Bars with a missing date
     * or price are dropped (never filled); an unknown volume counts as 0 (index series carry none).
     */
    static PriceSeries priceSeries(Series series) {
        if (series == null || series.dates() == null || series.close() == null) {
            return null;
        }
        int n = series.dates().size();
        int[] days = new int[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        int kept = 0;
        int lastDay = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            LocalDate date = series.dates().get(i);
            Double o = at(series.open(), i);
            Double h = at(series.high(), i);
            Double l = at(series.low(), i);
            Double c = at(series.close(), i);
            Double adj = series.adjClose() == null ? c : at(series.adjClose(), i);
            if (date == null || o == null || h == null || l == null || c == null || adj == null || c <= 0
                    || date.toEpochDay() <= lastDay) {
                continue;
            }
            double factor = adj / c;
            Double v = at(series.volume(), i);
            days[kept] = (int) date.toEpochDay();
            open[kept] = o * factor;
            high[kept] = h * factor;
            low[kept] = l * factor;
            close[kept] = adj;
            volume[kept] = v == null ? 0 : v;
            lastDay = days[kept];
            kept++;
        }
        return new PriceSeries(series.symbol() != null ? series.symbol() : "?",
                Arrays.copyOf(days, kept), Arrays.copyOf(open, kept),
                Arrays.copyOf(high, kept), Arrays.copyOf(low, kept),
                Arrays.copyOf(close, kept), Arrays.copyOf(volume, kept));
    }

    static Fundamentals fundamentals(FundamentalsItem item) {
        if (item == null) {
            return null;
        }
        List<RiskFlag> flags = item.riskFlags() == null ? List.of() : item.riskFlags().stream()
                .map(flag -> new RiskFlag(flag.code(), flag.date(), flag.title()))
                .toList();
        return new Fundamentals(item.asOf(), item.marketCap(), item.per(), item.pbr(), item.roe(),
                item.operatingMargin(), item.debtRatio(), item.revenueGrowthYoY(), item.operatingIncomeGrowthYoY(), flags);
    }

    private static Double at(List<Double> column, int i) {
        return column == null || i >= column.size() ? null : column.get(i);
    }

    /** Forgets every cached context (tests, or after market-data reloads). */
    public void evictAll() {
        cache.clear();
    }

    /** {@code asOf} null: the latest data. */
    private record ContextKey(Market market, LocalDate asOf) {
    }

    private record CachedContext(CompletableFuture<MarketContext> context, Instant expiresAt) {
    }
}
