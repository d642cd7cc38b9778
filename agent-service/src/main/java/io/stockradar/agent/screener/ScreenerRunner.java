package io.stockradar.agent.screener;

import io.stockradar.agent.engine.AgentResult;
import io.stockradar.agent.engine.MarketInput;
import io.stockradar.agent.engine.PriceSeries;
import io.stockradar.agent.engine.RegimeAssessment;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.engine.Stock;
import io.stockradar.agent.engine.StockAnalysis;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.agent.outbox.OutboxWriter;
import io.stockradar.common.event.AnalysisCompletedEvent;
import io.stockradar.common.event.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Executes one accepted run: loads the data, assesses the primary market's regime, pre-filters, analyses
 * in chunks (storing progress and noticing a cancel between chunks), ranks, and completes the run together
 * with its {@code analysis-completed} outbox row in one transaction.
 */
@Component
class ScreenerRunner {

    static final String CUSTOM = "CUSTOM";

    private static final Logger log = LoggerFactory.getLogger(ScreenerRunner.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ScreenerRunRepository runs;
    private final MarketDataService marketData;
    private final ScreenerEngine engine;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ScreenerProperties properties;
    private final String instanceId;
    private final Clock clock = Clock.systemUTC();

    ScreenerRunner(ScreenerRunRepository runs, MarketDataService marketData, ScreenerEngine engine, OutboxWriter outbox,
                   TransactionTemplate transactions, JsonMapper json, ScreenerProperties properties,
                   @Value("${stockradar.instance-id}") String instanceId) {
        this.runs = runs;
        this.marketData = marketData;
        this.engine = engine;
        this.outbox = outbox;
        this.transactions = transactions;
        this.json = json;
        this.properties = properties;
        this.instanceId = instanceId;
    }

    /** Runs {@code runId} if it is still QUEUED and was accepted by this instance. */
    void execute(UUID runId) {
        if (!runs.claim(runId, instanceId, clock.instant())) {
            log.info("Run {} not started: cancelled or not queued for this instance", runId);
            return;
        }
        long started = System.nanoTime();
        try {
            ScreenerRun run = runs.find(runId).orElseThrow();
            Outcome outcome = screen(run);
            if (outcome == null) {
                log.info("Run {} cancelled while running", runId);
                return;
            }
            boolean completed = Boolean.TRUE.equals(transactions.execute(status -> complete(run, outcome)));
            log.info("Run {} {} in {} ms: {} results of {} analysed", runId, completed ? "completed" : "cancelled before completion",
                    (System.nanoTime() - started) / 1_000_000, outcome.results().size(), outcome.analysed());
        } catch (RuntimeException e) {
            log.error("Run {} failed", runId, e);
            runs.fail(runId, failureMessage(e), clock.instant());
        }
    }

    /** The ranked results, or {@code null} if the run was cancelled. */
    private Outcome screen(ScreenerRun run) {
        ScreenerRunRequest request = run.request();
        Map<Market, List<String>> symbolsByMarket = new LinkedHashMap<>();
        Market primary;
        Market.Universe universe = request.universe() == null ? null : Market.Universe.valueOf(request.universe());
        if (universe != null) {
            primary = universe.market();
        } else {
            for (String symbol : request.symbols()) {
                symbolsByMarket.computeIfAbsent(Market.ofSymbol(symbol), m -> new ArrayList<>()).add(symbol);
            }
            primary = symbolsByMarket.entrySet().stream()
                    .max(Comparator.comparingInt(e -> e.getValue().size()))
                    .map(Map.Entry::getKey).orElseThrow();
        }

        // 1. data: the market contexts (cached per market), plus custom symbols outside the default universes
        List<Work> work = new ArrayList<>();
        Set<String> missing = new LinkedHashSet<>();
        MarketContext primaryContext = null;
        if (universe != null) {
            MarketContext context = marketData.context(primary);
            primaryContext = context;
            List<String> members = context.members().getOrDefault(universe, List.of());
            work.add(new Work(context, context.inputFor(universe), present(context, members, missing)));
        } else {
            for (Map.Entry<Market, List<String>> group : symbolsByMarket.entrySet()) {
                MarketContext context = marketData.withSymbols(marketData.context(group.getKey()), group.getValue());
                if (group.getKey() == primary) {
                    primaryContext = context;
                }
                work.add(new Work(context, context.input(), present(context, group.getValue(), missing)));
            }
        }
        if (!runs.progress(run.id(), 0, 0, "ASSESSING_REGIME")) {
            return null;
        }

        // 2. the primary market's regime conditions the weights; it is reported with the run. Assessed over the
        //    market's default universes (cached context, no custom extras) so it equals GET /api/market/regime
        RegimeAssessment regime = engine.assessRegime(marketData.context(primary).input());

        // 3. cheap filters before any analysis
        ScreenerRunRequest.Filters filters = request.filters();
        List<Work> filtered = new ArrayList<>();
        for (Work w : work) {
            Map<String, Stock> stocks = w.context().stocks();
            filtered.add(new Work(w.context(), w.input(),
                    w.symbols().stream().filter(symbol -> passesPreFilters(stocks.get(symbol), filters)).toList()));
        }
        int total = filtered.stream().mapToInt(w -> w.symbols().size()).sum();
        if (!runs.progress(run.id(), 0, total, "ANALYZING")) {
            return null;
        }

        // 4. analysis in chunks; a cancel (status no longer RUNNING) stops it between chunks
        List<StockAnalysis> analyses = new ArrayList<>(total);
        int done = 0;
        for (Work w : filtered) {
            for (int from = 0; from < w.symbols().size(); from += properties.chunkSize()) {
                List<String> chunk = w.symbols().subList(from, Math.min(w.symbols().size(), from + properties.chunkSize()));
                analyses.addAll(engine.analyze(w.input(), chunk));
                done += chunk.size();
                if (!runs.progress(run.id(), done, total, "ANALYZING")) {
                    return null;
                }
            }
        }
        if (!runs.progress(run.id(), done, total, "RANKING")) {
            return null;
        }

        // 5. rank
        Comparator<StockAnalysis> order = Comparator
                .comparing((StockAnalysis a) -> sortScore(a, request.sort()), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(StockAnalysis::composite, Comparator.reverseOrder())
                .thenComparing(StockAnalysis::symbol);
        Double minScore = filters == null ? null : filters.minScore();
        List<StockAnalysis> ranked = analyses.stream()
                .filter(a -> minScore == null || a.composite() >= minScore)
                .sorted(order)
                .limit(request.limit())
                .toList();
        List<RunResult> results = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            results.add(result(i + 1, ranked.get(i)));
        }
        RunRegime runRegime = new RunRegime(regime.market(), regime.regime().name(), regime.volatility().name(),
                regime.riskAppetite());
        return new Outcome(results, List.copyOf(missing), runRegime, primaryContext, total);
    }

    /** In the caller's transaction: the run's completion and its event, both or neither. */
    private boolean complete(ScreenerRun run, Outcome outcome) {
        Instant now = clock.instant();
        MarketContext context = outcome.primaryContext();
        if (!runs.complete(run.id(), outcome.results(), outcome.missing(), outcome.regime(), context.dataAsOf(),
                context.source(), outcome.analysed(), now)) {
            return false;
        }
        UUID eventId = UUID.randomUUID();
        AnalysisCompletedEvent event = new AnalysisCompletedEvent(eventId, AnalysisCompletedEvent.SCHEMA_VERSION, now,
                run.id(), run.userId(), run.universe(), json.convertValue(run.request(), MAP),
                new AnalysisCompletedEvent.Regime(outcome.regime().market(), outcome.regime().regime(),
                        outcome.regime().volatility(), outcome.regime().riskAppetite()),
                context.dataAsOf(), context.source(),
                outcome.results().stream().map(ScreenerRunner::eventResult).toList());
        outbox.append(eventId, Topics.ANALYSIS_COMPLETED_V1, run.userId(), event);
        return true;
    }

    private static List<String> present(MarketContext context, List<String> symbols, Set<String> missing) {
        List<String> present = new ArrayList<>();
        for (String symbol : symbols) {
            if (context.contains(symbol)) {
                present.add(symbol);
            } else {
                missing.add(symbol);
            }
        }
        return present;
    }

    static boolean passesPreFilters(Stock stock, ScreenerRunRequest.Filters filters) {
        if (filters == null) {
            return true;
        }
        if (filters.minMarketCap() != null && (stock.marketCap() == null || stock.marketCap() < filters.minMarketCap())) {
            return false;
        }
        if (filters.sectors() != null && (stock.sector() == null || !filters.sectors().contains(stock.sector()))) {
            return false;
        }
        if (filters.minLiquidity() != null) {
            double tradedValue = averageTradedValue(stock.prices(), 20);
            return Double.isFinite(tradedValue) && tradedValue >= filters.minLiquidity();
        }
        return true;
    }

    /** Mean of close × volume over the last {@code days} bars; NaN without bars. */
    static double averageTradedValue(PriceSeries prices, int days) {
        int n = prices.length();
        if (n == 0) {
            return Double.NaN;
        }
        int from = Math.max(0, n - days);
        double sum = 0;
        for (int i = from; i < n; i++) {
            sum += prices.close()[i] * prices.volume()[i];
        }
        return sum / (n - from);
    }

    private static Double sortScore(StockAnalysis analysis, String sort) {
        if (sort == null || sort.equals("composite")) {
            return analysis.composite();
        }
        AgentResult agent = analysis.agents().get(sort);
        return agent == null ? null : agent.score();
    }

    private static RunResult result(int rank, StockAnalysis analysis) {
        Map<String, RunResult.AgentScore> agents = new LinkedHashMap<>();
        analysis.agents().forEach((name, agent) -> agents.put(name, new RunResult.AgentScore(agent.score(), agent.abstained())));
        return new RunResult(rank, analysis.symbol(), analysis.name(), analysis.market(), analysis.sector(),
                analysis.composite(), analysis.grade(), analysis.action(), agents, analysis.lastClose());
    }

    private static AnalysisCompletedEvent.Result eventResult(RunResult result) {
        Map<String, AnalysisCompletedEvent.AgentScore> agents = new LinkedHashMap<>();
        result.agents().forEach((name, agent) ->
                agents.put(name, new AnalysisCompletedEvent.AgentScore(agent.score(), agent.abstained())));
        return new AnalysisCompletedEvent.Result(result.rank(), result.symbol(), result.name(), result.composite(),
                result.grade(), result.action(), agents, result.price());
    }

    private static String failureMessage(RuntimeException e) {
        String message = e instanceof ErrorResponseException problem
                && problem.getBody().getDetail() != null ? problem.getBody().getDetail() : "Analysis failed";
        return message.length() <= 500 ? message : message.substring(0, 500);
    }

    private record Work(MarketContext context, MarketInput input, List<String> symbols) {
    }

    private record Outcome(List<RunResult> results, List<String> missing, RunRegime regime, MarketContext primaryContext,
                           int analysed) {
    }
}
