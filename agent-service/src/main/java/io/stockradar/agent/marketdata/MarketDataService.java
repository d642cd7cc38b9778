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

/**
 * Loads a market's data from market-data-service and turns it into engine input. A market's context
 * (its default universes' members with ~{@code history-days} of bars and their fundamentals) is loaded
 * once per {@code context-ttl} and shared: concurrent callers wait for the one load in flight.
 */
@Service
public class MarketDataService {

    private static final Logger log = LoggerFactory.getLogger(MarketDataService.class);

    private final MarketDataClient client;
    private final MarketDataProperties properties;
    private final Clock clock;
    private final ConcurrentMap<Market, CachedContext> cache = new ConcurrentHashMap<>();

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
        while (true) {
            Instant now = clock.instant();
            CachedContext cached = cache.get(market);
            if (cached != null && now.isBefore(cached.expiresAt())) {
                return await(market, cached);
            }
            CachedContext fresh = new CachedContext(new CompletableFuture<>(), now.plus(properties.contextTtl()));
            boolean mine = cached == null ? cache.putIfAbsent(market, fresh) == null : cache.replace(market, cached, fresh);
            if (!mine) {
                continue;
            }
            try {
                MarketContext context = load(market);
                fresh.context().complete(context);
                return context;
            } catch (RuntimeException e) {
                cache.remove(market, fresh);
                fresh.context().completeExceptionally(e);
                throw e;
            }
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
        BarsResponse bars = client.bars(extra, properties.historyDays());
        FundamentalsResponse fundamentals = client.fundamentals(extra, base.dataAsOf());
        List<Stock> stocks = new ArrayList<>(base.input().universe());
        Set<String> missing = new LinkedHashSet<>(base.missing());
        for (String symbol : extra) {
            PriceSeries prices = priceSeries(bars.series() == null ? null : bars.series().get(symbol));
            if (prices == null || prices.length() == 0) {
                missing.add(symbol);
                continue;
            }
            FundamentalsItem item = fundamentals.items() == null ? null : fundamentals.items().get(symbol);
            Double marketCap = item == null ? null : item.marketCap();
            stocks.add(new Stock(symbol, symbol, base.market().name(), null, marketCap, prices, fundamentals(item)));
        }
        MarketInput input = new MarketInput(base.input().market(), base.input().benchmark(), base.input().secondary(), stocks);
        return new MarketContext(base.market(), input, base.dataAsOf(), base.source(), base.members(), missing);
    }

    private MarketContext await(Market market, CachedContext cached) {
        try {
            return cached.context().join();
        } catch (CompletionException e) {
            cache.remove(market, cached);
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

    private record CachedContext(CompletableFuture<MarketContext> context, Instant expiresAt) {
    }
}
