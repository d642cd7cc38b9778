package io.stockradar.agent.marketdata;

import io.stockradar.agent.engine.MarketInput;
import io.stockradar.agent.engine.Stock;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One market's data as the engine needs it: benchmark, secondary index and every member of the market's
 * default universes (plus any extra symbols asked for), with where the data came from and how fresh it is.
 * Immutable; shared between concurrent requests while cached.
 */
public final class MarketContext {

    private final Market market;
    private final MarketInput input;
    private final LocalDate dataAsOf;
    private final String source;
    private final Map<Market.Universe, List<String>> members;
    private final Set<String> missing;
    private final LocalDate cutOff;
    private final Map<String, Stock> stocks;
    private final Map<Market.Universe, MarketInput> universeInputs = new ConcurrentHashMap<>();

    /**
     * @param dataAsOf the market's last trading date in the data
     * @param source   {@code demo} or {@code yahoo}, as market-data-service reported it
     * @param members  universe id → member symbols, in the universe's order
     * @param missing  symbols asked for that market-data-service does not know (or has no bars for)
     */
    public MarketContext(Market market, MarketInput input, LocalDate dataAsOf, String source,
                         Map<Market.Universe, List<String>> members, Set<String> missing) {
        this(market, input, dataAsOf, source, members, missing, null);
    }

    /**
     * @param cutOff the past trading date every series was cut after (an analysis as of a date, issue 18), or
     *               {@code null} for the latest data
     */
    public MarketContext(Market market, MarketInput input, LocalDate dataAsOf, String source,
                         Map<Market.Universe, List<String>> members, Set<String> missing, LocalDate cutOff) {
        this.cutOff = cutOff;
        this.market = market;
        this.input = input;
        this.dataAsOf = dataAsOf;
        this.source = source;
        EnumMap<Market.Universe, List<String>> memberships = new EnumMap<>(Market.Universe.class);
        members.forEach((universe, symbols) -> memberships.put(universe, List.copyOf(symbols)));
        this.members = Collections.unmodifiableMap(memberships);
        this.missing = Set.copyOf(missing);
        Map<String, Stock> bySymbol = new LinkedHashMap<>();
        for (Stock stock : input.universe()) {
            bySymbol.put(stock.symbol(), stock);
        }
        this.stocks = Collections.unmodifiableMap(bySymbol);
    }

    public Market market() {
        return market;
    }

    public MarketInput input() {
        return input;
    }

    public LocalDate dataAsOf() {
        return dataAsOf;
    }

    /** The past date the data was cut after, or {@code null} for the latest data. */
    public LocalDate cutOff() {
        return cutOff;
    }

    /** Whether this is a past date's data rather than the latest. */
    public boolean pointInTime() {
        return cutOff != null;
    }

    public String source() {
        return source;
    }

    public Map<Market.Universe, List<String>> members() {
        return members;
    }

    public Set<String> missing() {
        return missing;
    }

    /** Whether the symbol has data in this context. */
    public boolean contains(String symbol) {
        return stocks.containsKey(symbol);
    }

    /** The stocks of this context by symbol, in input order. */
    public Map<String, Stock> stocks() {
        return stocks;
    }

    /**
     * The engine input restricted to one universe's members, so sector statistics are within that universe.
     * One instance per universe (the engine memoises its market-wide work by input identity).
     */
    public MarketInput inputFor(Market.Universe universe) {
        return universeInputs.computeIfAbsent(universe, this::restrictTo);
    }

    private MarketInput restrictTo(Market.Universe universe) {
        List<Stock> selected = new ArrayList<>();
        for (String symbol : members.getOrDefault(universe, List.of())) {
            Stock stock = stocks.get(symbol);
            if (stock != null) {
                selected.add(stock);
            }
        }
        return new MarketInput(input.market(), input.benchmark(), input.secondary(), selected);
    }

    @Override
    public String toString() {
        return "MarketContext[" + market + ", " + stocks.size() + " stocks, as of " + dataAsOf + ", " + source + "]";
    }
}
