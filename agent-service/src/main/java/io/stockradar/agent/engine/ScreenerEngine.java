package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.signal;

import io.stockradar.agent.engine.Scoring.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The five-agent screener: pure, deterministic (same input → same output), no I/O. Thread-safe;
 * one instance serves concurrent requests.
 *
 * <p>Per request the market-wide work runs once (regime, sector ranking, fundamental peer
 * distributions); then the per-stock agents (technical, fundamental, risk, and the sector lookup)
 * run for each stock, stocks in parallel on the common fork-join pool for batches of
 * {@value #PARALLEL_THRESHOLD} or more. The agents of one stock take microseconds, so forking per
 * agent would cost more than it saves; parallelism over stocks keeps both cores busy. Results keep
 * the order of the requested symbols.
 *
 * <p>The regime agent's per-stock score is the market's risk appetite. By default it does not vote
 * (weight 0 in every regime): it is identical for every stock of the market, so it cannot rank them;
 * instead the regime selects the weight table. A configured weight makes it vote like the others.
 * An agent that throws is recorded as abstaining with {@code AGENT_FAILED}.
 */
public final class ScreenerEngine {

    static final int PARALLEL_THRESHOLD = 8;

    /**
     * Market-wide contexts kept (two markets × their universes on the current data); beyond, the memo is
     * cleared, which also bounds how much replaced market data it can keep alive.
     */
    private static final int MEMOISED_CONTEXTS = 8;

    private final EngineSettings settings;
    private final MarketRegimeAgent regimeAgent = new MarketRegimeAgent();
    private final SectorScoutAgent sectorAgent = new SectorScoutAgent();
    private final TechnicalAnalystAgent technicalAgent = new TechnicalAnalystAgent();
    private final FundamentalAnalystAgent fundamentalAgent = new FundamentalAnalystAgent();
    private final RiskManagerAgent riskAgent = new RiskManagerAgent();
    private final Map<ContextKey, Context> contexts = new ConcurrentHashMap<>();

    public ScreenerEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Regime of the market; breadth comes from {@code market.universe()}. */
    public RegimeAssessment assessRegime(MarketInput market) {
        return regimeAgent.assess(market).assessment();
    }

    /** Sectors of the universe ranked strongest first. */
    public SectorTable rankSectors(MarketInput market) {
        return sectorAgent.rank(market).table();
    }

    /**
     * Analyses the given symbols (a subset of the universe; {@code null} = the whole universe), in
     * the order given. The regime (and so the weight table and the regime agent's score) is assessed
     * over the same {@code market}.
     *
     * @throws IllegalArgumentException if a symbol is not in the universe
     */
    public List<StockAnalysis> analyze(MarketInput market, List<String> symbols) {
        return analyze(market, market, symbols);
    }

    /**
     * Analyses the given symbols of {@code market} (sector ranks and fundamental peers come from its
     * universe, e.g. one index's members) under the regime of {@code regimeMarket} (breadth over the
     * whole market, exactly as {@link #assessRegime} reports it), so every stock's regime score equals
     * the reported risk appetite and its weights are those of the reported regime. The market-wide
     * work (regime, sector ranking, peers) is memoised for the last few input instances, so the chunks
     * of one run on the same cached data do not repeat it.
     *
     * @throws IllegalArgumentException if a symbol is not in the universe, or the two inputs are of
     *                                  different markets
     */
    public List<StockAnalysis> analyze(MarketInput market, MarketInput regimeMarket, List<String> symbols) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(regimeMarket, "regimeMarket");
        if (!market.market().equals(regimeMarket.market())) {
            throw new IllegalArgumentException("regime of " + regimeMarket.market() + " for stocks of " + market.market());
        }
        Context ctx = context(market, regimeMarket);
        List<Stock> targets = new ArrayList<>();
        if (symbols == null) {
            targets.addAll(market.universe());
        } else {
            for (String symbol : symbols) {
                Stock s = ctx.bySymbol().get(symbol);
                if (s == null) {
                    throw new IllegalArgumentException("symbol not in the universe: " + symbol);
                }
                targets.add(s);
            }
        }
        IntStream indices = IntStream.range(0, targets.size());
        if (targets.size() >= PARALLEL_THRESHOLD) {
            indices = indices.parallel();
        }
        return indices.mapToObj(i -> analyze(ctx, targets.get(i))).toList();
    }

    /** The market-wide part of an analysis, memoised by the identity of the inputs (immutable, cached upstream). */
    private Context context(MarketInput market, MarketInput regimeMarket) {
        ContextKey key = new ContextKey(market, regimeMarket);
        Context cached = contexts.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, Stock> bySymbol = new HashMap<>();
        for (Stock s : market.universe()) {
            bySymbol.putIfAbsent(s.symbol(), s);
        }
        Context ctx = new Context(market, regimeAgent.assess(regimeMarket), sectorAgent.rank(market),
                new FundamentalAnalystAgent.Peers(market.universe()), bySymbol);
        if (contexts.size() >= MEMOISED_CONTEXTS) {
            contexts.clear();
        }
        contexts.put(key, ctx);
        return ctx;
    }

    /** Analyses one universe member. */
    public StockAnalysis analyzeOne(MarketInput market, String symbol) {
        return analyze(market, List.of(symbol)).getFirst();
    }

    /** Analyses one member of {@code market} under the regime of {@code regimeMarket} (see {@link #analyze(MarketInput, MarketInput, List)}). */
    public StockAnalysis analyzeOne(MarketInput market, MarketInput regimeMarket, String symbol) {
        return analyze(market, regimeMarket, List.of(symbol)).getFirst();
    }

    private record Context(MarketInput market, MarketRegimeAgent.Outcome regime, SectorScoutAgent.Ranking sectors,
            FundamentalAnalystAgent.Peers peers, Map<String, Stock> bySymbol) {
    }

    /** Compares the inputs by identity: equal-but-distinct inputs just miss the memo (still correct). */
    private record ContextKey(MarketInput market, MarketInput regimeMarket) {

        @Override
        public boolean equals(Object o) {
            return o instanceof ContextKey k && k.market == market && k.regimeMarket == regimeMarket;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(market) + System.identityHashCode(regimeMarket);
        }
    }

    private StockAnalysis analyze(Context ctx, Stock stock) {
        String market = ctx.market().market();
        RegimeAssessment regime = ctx.regime().assessment();
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        verdicts.put(EngineSettings.REGIME, ctx.regime().verdict());
        verdicts.put(EngineSettings.SECTOR, guard(() -> sectorAgent.score(stock, ctx.sectors())));
        verdicts.put(EngineSettings.TECHNICAL, guard(() -> technicalAgent.analyze(stock.prices(), regime.asOf())));
        verdicts.put(EngineSettings.FUNDAMENTAL, guard(() -> fundamentalAgent.analyze(stock, ctx.peers())));
        RiskPlan plan = new RiskPlan(null, null, false);
        try {
            RiskManagerAgent.Outcome risk = riskAgent.analyze(stock, ctx.market().benchmark(), settings, market);
            verdicts.put(EngineSettings.RISK, risk.verdict());
            plan = risk.plan();
        } catch (RuntimeException e) {
            verdicts.put(EngineSettings.RISK, failed(e));
        }
        Map<String, Double> weights = settings.weightsFor(regime.regime());
        Synthesizer.Composite composite = Synthesizer.combine(verdicts, weights);
        double[] close = stock.prices().close();
        Double lastClose = close.length == 0 ? null : close[close.length - 1];
        return new StockAnalysis(stock.symbol(), stock.name(), stock.market() == null ? market : stock.market(),
                stock.sector(), composite.composite(), composite.grade(), composite.action(), regime.regime(), weights,
                Synthesizer.results(verdicts), plan, lastClose, composite.rationale());
    }

    private static Verdict guard(Supplier<Verdict> agent) {
        try {
            return agent.get();
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private static Verdict failed(RuntimeException e) {
        return Verdict.abstain(signal("AGENT_FAILED", 0, "에이전트 계산 중 오류가 발생해 기권합니다",
                "The agent failed and abstains: " + e.getClass().getSimpleName()));
    }
}
