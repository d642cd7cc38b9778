package io.stockradar.agent.screener;

import io.stockradar.agent.engine.PriceSeries;
import io.stockradar.agent.engine.RegimeAssessment;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.engine.Stock;
import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.agent.outbox.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares an accepted run on the instance that accepted it: loads the data (cached market contexts),
 * assesses the primary market's regime, applies the cheap pre-filters, then, in ONE transaction, marks the
 * run RUNNING with its total and chunk count and appends one outbox row per chunk for
 * {@value ScreenerKafkaConfig#SCREEN_REQUESTED_V1}. The consumer group analyses the chunks ({@link ChunkProcessor}).
 *
 * <p>Why through the outbox rather than sending the chunks directly: the run row and its chunks commit
 * together, so a run is never "prepared" without its work on the way, nor is work published for a run that
 * was rolled back; and while Kafka is down the chunks wait in the table and the relay publishes them, with
 * backoff, once the broker is back, instead of the run failing.
 */
@Component
class ScreenerRunner {

    static final String CUSTOM = "CUSTOM";

    private static final Logger log = LoggerFactory.getLogger(ScreenerRunner.class);

    private final ScreenerRunRepository runs;
    private final MarketDataService marketData;
    private final ScreenerEngine engine;
    private final OutboxWriter outbox;
    private final RunCompleter completer;
    private final TransactionTemplate transactions;
    private final ScreenerProperties properties;
    private final String instanceId;
    private final Clock clock = Clock.systemUTC();
    /** Partition hint of the next run's first chunk (the relay takes it modulo the partition count). */
    private final AtomicInteger partitionCursor = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 20));

    ScreenerRunner(ScreenerRunRepository runs, MarketDataService marketData, ScreenerEngine engine, OutboxWriter outbox,
                   RunCompleter completer, TransactionTemplate transactions, ScreenerProperties properties,
                   InstanceProperties instance) {
        this.runs = runs;
        this.marketData = marketData;
        this.engine = engine;
        this.outbox = outbox;
        this.completer = completer;
        this.transactions = transactions;
        this.properties = properties;
        this.instanceId = instance.instanceId();
    }

    /** Prepares and publishes {@code runId} if it is still QUEUED and was accepted by this instance. */
    void execute(UUID runId) {
        if (!runs.claim(runId, instanceId, clock.instant())) {
            log.info("Run {} not started: cancelled or not queued for this instance", runId);
            return;
        }
        long started = System.nanoTime();
        try {
            ScreenerRun run = runs.find(runId).orElseThrow();
            Plan plan = plan(run);
            if (plan == null) {
                log.info("Run {} cancelled while preparing", runId);
                return;
            }
            long planned = System.nanoTime();
            Boolean published = transactions.execute(status -> publish(run, plan));
            log.info("Run {} prepared: {} symbols in {} chunks ({} missing), data {} ms, publish {} ms{}", runId,
                    plan.total(), plan.chunks().size(), plan.missing().size(), (planned - started) / 1_000_000,
                    (System.nanoTime() - planned) / 1_000_000,
                    Boolean.TRUE.equals(published) ? "" : " - not published: cancelled, or taken over by another instance");
        } catch (RuntimeException e) {
            // a run taken over meanwhile (we were presumed dead) is the new owner's to finish or fail
            if (runs.failOwned(runId, instanceId, failureMessage(e), clock.instant())) {
                log.error("Run {} failed", runId, e);
            } else {
                log.warn("Run {} failed here, but it is no longer this instance's to fail (cancelled, or taken over)",
                        runId, e);
            }
        }
    }

    /** The chunks to publish, or {@code null} if the run was cancelled. */
    private Plan plan(ScreenerRun run) {
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
            MarketContext context = marketData.context(primary, request.asOfDate());
            primaryContext = context;
            List<String> members = context.members().getOrDefault(universe, List.of());
            work.add(new Work(primary, context, present(context, members, missing)));
        } else {
            for (Map.Entry<Market, List<String>> group : symbolsByMarket.entrySet()) {
                MarketContext context = marketData.withSymbols(marketData.context(group.getKey(), request.asOfDate()),
                        group.getValue());
                if (group.getKey() == primary) {
                    primaryContext = context;
                }
                work.add(new Work(group.getKey(), context, present(context, group.getValue(), missing)));
            }
        }
        if (!runs.progress(run.id(), 0, 0, "ASSESSING_REGIME")) {
            return null;
        }

        // 2. the primary market's regime conditions the weights; it is reported with the run. Assessed over the
        //    market's default universes (cached context, no custom extras) so it equals GET /api/market/regime
        RegimeAssessment regime = engine.assessRegime(marketData.context(primary, request.asOfDate()).input());

        // 3. cheap filters before any analysis, then chunks of at most chunk-size symbols of one market
        ScreenerRunRequest.Filters filters = request.filters();
        List<ScreenChunk> chunks = new ArrayList<>();
        int total = 0;
        for (Work w : work) {
            Map<String, Stock> stocks = w.context().stocks();
            List<String> kept = w.symbols().stream().filter(symbol -> passesPreFilters(stocks.get(symbol), filters)).toList();
            total += kept.size();
            for (int from = 0; from < kept.size(); from += properties.chunkSize()) {
                chunks.add(new ScreenChunk(run.id(), chunks.size(), 0, w.market().name(), request.universe(),
                        List.copyOf(kept.subList(from, Math.min(kept.size(), from + properties.chunkSize()))),
                        w.context().dataAsOf()));
            }
        }
        int count = chunks.size();
        List<ScreenChunk> numbered = chunks.stream().map(c -> new ScreenChunk(c.runId(), c.chunkNo(), count, c.market(),
                c.universe(), c.symbols(), c.dataAsOf())).toList();
        RunRegime runRegime = new RunRegime(regime.market(), regime.regime().name(), regime.volatility().name(),
                regime.riskAppetite());
        return new Plan(numbered, total, List.copyOf(missing), runRegime, primaryContext);
    }

    /** In the caller's transaction: the prepared run and its chunks, both or neither. */
    private boolean publish(ScreenerRun run, Plan plan) {
        MarketContext context = plan.primaryContext();
        if (!runs.prepared(run.id(), instanceId, plan.total(), plan.chunks().size(), plan.regime(), plan.missing(),
                context.dataAsOf(), context.source())) {
            return false;
        }
        if (plan.chunks().isEmpty()) {
            // nothing passed the pre-filters: the run completes now, with no results
            ScreenerRun prepared = runs.lock(run.id()).orElseThrow();
            return completer.complete(prepared, List.of()) != null;
        }
        // key = run id; consecutive partition hints spread one run's chunks over all partitions (and so all
        // consumers), and each run starts where the previous one ended, so runs screened together (the three
        // universes) do not all queue their first chunks on the same low partitions
        int first = partitionCursor.getAndAdd(plan.chunks().size());
        outbox.appendAll(ScreenerKafkaConfig.SCREEN_REQUESTED_V1, plan.chunks().stream()
                .map(chunk -> new OutboxWriter.Message(UUID.randomUUID(), run.id().toString(), chunk,
                        first + chunk.chunkNo()))
                .toList());
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

    static String failureMessage(RuntimeException e) {
        String message = e instanceof ErrorResponseException problem
                && problem.getBody().getDetail() != null ? problem.getBody().getDetail() : "Analysis failed";
        return message.length() <= 500 ? message : message.substring(0, 500);
    }

    private record Work(Market market, MarketContext context, List<String> symbols) {
    }

    private record Plan(List<ScreenChunk> chunks, int total, List<String> missing, RunRegime regime,
                        MarketContext primaryContext) {
    }
}
