package io.stockradar.agent.screener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockradar.agent.engine.MarketInput;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Analyses the chunks of distributed runs, on whichever instance the consumer group hands them to.
 *
 * <p>A chunk is analysed outside any transaction, then stored in one short transaction that first locks the
 * run's row: that serializes the chunk stores of one run, so exactly one of them sees that every chunk is
 * there and completes the run (ranking, results, outbox row). The store is idempotent (UNIQUE run/chunk): a
 * redelivered chunk is a no-op. Chunks of a run that is no longer RUNNING (cancelled, failed) are skipped.
 * The listener returns, and the offset is committed, only after the chunk was stored.
 */
@Component
class ChunkProcessor {

    static final String LISTENER_ID = "screen-chunks";

    private static final Logger log = LoggerFactory.getLogger(ChunkProcessor.class);

    private final ScreenerRunRepository runs;
    private final MarketDataService marketData;
    private final ScreenerEngine engine;
    private final RunCompleter completer;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final String instanceId;
    private final Timer analysisTimer;
    private final Timer storeTimer;
    private final Clock clock = Clock.systemUTC();

    ChunkProcessor(ScreenerRunRepository runs, MarketDataService marketData, ScreenerEngine engine,
                   RunCompleter completer, TransactionTemplate transactions, JsonMapper json,
                   @Value("${stockradar.instance-id}") String instanceId, MeterRegistry meters) {
        this.runs = runs;
        this.marketData = marketData;
        this.engine = engine;
        this.completer = completer;
        this.transactions = transactions;
        this.json = json;
        this.instanceId = instanceId;
        this.analysisTimer = Timer.builder("stockradar.screener.chunk").tag("phase", "analysis")
                .description("Analysing one chunk of a run").register(meters);
        this.storeTimer = Timer.builder("stockradar.screener.chunk").tag("phase", "store")
                .description("Storing one chunk (and completing the run after the last)").register(meters);
    }

    @KafkaListener(id = LISTENER_ID, groupId = ScreenerKafkaConfig.CONSUMER_GROUP,
            topics = ScreenerKafkaConfig.SCREEN_REQUESTED_V1)
    void onChunk(String message) {
        ScreenChunk chunk;
        try {
            chunk = json.readValue(message, ScreenChunk.class);
        } catch (JacksonException e) {
            // retrying cannot fix it: skip (and commit past) it
            log.error("Skipping an unreadable chunk message: {}", e.getOriginalMessage());
            return;
        }
        process(chunk);
    }

    /** Analyses and stores one chunk; a no-op for a stored chunk or a run that is no longer running. */
    void process(ScreenChunk chunk) {
        ScreenerRun run = runs.find(chunk.runId()).orElse(null);
        if (run == null || run.status() != RunStatus.RUNNING) {
            log.info("Skipping chunk {}/{} of run {}: run is {}", chunk.chunkNo() + 1, chunk.chunkCount(), chunk.runId(),
                    run == null ? "unknown" : run.status());
            return;
        }
        if (runs.chunkStored(chunk.runId(), chunk.chunkNo())) {
            log.info("Skipping chunk {}/{} of run {}: stored already", chunk.chunkNo() + 1, chunk.chunkCount(), chunk.runId());
            return;
        }
        long started = System.nanoTime();
        List<RunResult> results = analysisTimer.record(() -> analyse(run, chunk));
        long analysed = System.nanoTime();
        Outcome outcome = storeTimer.record(() -> transactions.execute(status -> store(chunk, results)));
        long stored = System.nanoTime();
        log.info("Chunk {}/{} of run {} ({} symbols): analysis {} ms, store {} ms - {}", chunk.chunkNo() + 1,
                chunk.chunkCount(), chunk.runId(), chunk.symbols().size(), (analysed - started) / 1_000_000,
                (stored - analysed) / 1_000_000, outcome);
    }

    private List<RunResult> analyse(ScreenerRun run, ScreenChunk chunk) {
        Market market = Market.valueOf(chunk.market());
        MarketContext context = marketData.context(market);
        MarketInput input;
        if (chunk.universe() != null) {
            input = context.inputFor(Market.Universe.valueOf(chunk.universe()));
        } else {
            // the same input the run was prepared with: the market plus every custom symbol of that market
            List<String> group = run.request().symbols().stream().filter(s -> Market.ofSymbol(s) == market).toList();
            context = marketData.withSymbols(context, group);
            input = context.input();
        }
        if (chunk.dataAsOf() != null && !chunk.dataAsOf().equals(context.dataAsOf())) {
            log.warn("Chunk {} of run {} was prepared on {} data as of {}, analysed on data as of {}", chunk.chunkNo(),
                    chunk.runId(), market, chunk.dataAsOf(), context.dataAsOf());
        }
        MarketContext data = context;
        List<String> symbols = chunk.symbols().stream().filter(data::contains).toList();
        return engine.analyze(input, symbols).stream().map(RunResult::unranked).toList();
    }

    /** In a transaction holding the run's row lock. */
    private Outcome store(ScreenChunk chunk, List<RunResult> results) {
        ScreenerRun run = runs.lock(chunk.runId()).orElse(null);
        if (run == null || run.status() != RunStatus.RUNNING) {
            return Outcome.RUN_NOT_RUNNING;
        }
        if (!runs.insertChunk(chunk.runId(), chunk.chunkNo(), chunk.symbols().size(), results, instanceId, clock.instant())) {
            return Outcome.DUPLICATE;
        }
        ScreenerRunRepository.ChunkProgress progress = runs.chunkProgress(chunk.runId());
        if (run.chunkCount() == null || progress.chunks() < run.chunkCount()) {
            runs.progress(run.id(), progress.symbols(), run.total(), "ANALYZING");
            return Outcome.STORED;
        }
        List<RunResult> ranked = completer.complete(run, runs.chunkResults(run.id()));
        log.info("Run {} completed by {}: {} results of {} analysed", run.id(), instanceId,
                ranked == null ? 0 : ranked.size(), run.total());
        return Outcome.COMPLETED_RUN;
    }

    /** The error handler gave up on a chunk: its run cannot complete, so it fails (if still running). */
    void giveUp(String message, Exception e) {
        try {
            ScreenChunk chunk = json.readValue(message, ScreenChunk.class);
            String error = "Chunk " + (chunk.chunkNo() + 1) + " could not be analysed: "
                    + ScreenerRunner.failureMessage(e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException(e));
            if (runs.fail(chunk.runId(), error, clock.instant())) {
                log.error("Run {} failed: {}", chunk.runId(), error, e);
            }
        } catch (RuntimeException failure) {
            log.error("Giving up on chunk message {}", message, failure);
        }
    }

    enum Outcome {
        STORED, COMPLETED_RUN, DUPLICATE, RUN_NOT_RUNNING
    }
}
