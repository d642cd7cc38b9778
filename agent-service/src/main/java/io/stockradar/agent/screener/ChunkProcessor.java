package io.stockradar.agent.screener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockradar.agent.engine.MarketInput;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.instance.InFlightWork;
import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import io.stockradar.common.event.EventProvenance;
import io.stockradar.common.event.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Analyses the chunks of distributed runs, on whichever instance the consumer group hands them to.
 *
 * <p>A chunk is analysed outside any transaction, then stored in one short transaction: the chunk's row, then
 * a counter on the run's row (which locks it only until the commit right after), so exactly one store sees
 * that every chunk is there and completes the run (ranking, results, outbox row). The store is idempotent
 * (UNIQUE run/chunk): a redelivered chunk is a no-op. Chunks of a run that is no longer RUNNING (cancelled,
 * failed) are skipped, or rolled back if it stopped meanwhile. The market-wide part of the analysis (regime,
 * sector ranks, peers) is memoised by the engine per cached input, so a chunk costs only its stocks.
 * The listener returns, and the offset is committed, only after the chunk was stored.
 */
@Component
class ChunkProcessor {

    static final String LISTENER_ID = "screen-chunks";

    private static final Logger log = LoggerFactory.getLogger(ChunkProcessor.class);

    private final ScreenerRunRepository runs;
    private final InFlightWork inFlight;
    private final MarketDataService marketData;
    private final ScreenerEngine engine;
    private final RunCompleter completer;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final String instanceId;
    private final Timer analysisTimer;
    private final Timer storeTimer;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    ChunkProcessor(ScreenerRunRepository runs, MarketDataService marketData, ScreenerEngine engine,
                   RunCompleter completer, TransactionTemplate transactions, JsonMapper json,
                   InstanceProperties instance, InFlightWork inFlight, MeterRegistry meters) {
        this.runs = runs;
        this.inFlight = inFlight;
        this.marketData = marketData;
        this.engine = engine;
        this.completer = completer;
        this.transactions = transactions;
        this.json = json;
        this.instanceId = instance.instanceId();
        this.meters = meters;
        this.analysisTimer = Timer.builder("stockradar.screener.chunk").tag("phase", "analysis")
                .description("Analysing one chunk of a run").register(meters);
        this.storeTimer = Timer.builder("stockradar.screener.chunk").tag("phase", "store")
                .description("Storing one chunk (and completing the run after the last)").register(meters);
    }

    @KafkaListener(id = LISTENER_ID, groupId = ScreenerKafkaConfig.CONSUMER_GROUP,
            topics = ScreenerKafkaConfig.SCREEN_REQUESTED_V1)
    void onChunk(ConsumerRecord<String, String> record) {
        ScreenChunk chunk;
        try {
            chunk = json.readValue(record.value(), ScreenChunk.class);
        } catch (JacksonException | IllegalArgumentException e) {
            // retrying cannot fix it: skip (and commit past) it
            reject(record, "unreadable", e.getMessage());
            return;
        }
        // only agent-service writes the topic, keyed by run id: anything else is not ours to analyse (issue 20)
        Optional<String> violation = EventProvenance.violation(record.headers(), record.key(),
                Topics.PRODUCER_AGENT_SERVICE, chunk.runId() == null ? null : chunk.runId().toString());
        if (violation.isPresent()) {
            reject(record, "untrusted", violation.get());
            return;
        }
        process(chunk);
    }

    private void reject(ConsumerRecord<String, String> record, String reason, String detail) {
        meters.counter("stockradar.events.rejected", "topic", record.topic(), "reason", reason).increment();
        log.error("Skipping a chunk message (partition {}, offset {}, key {}): {}", record.partition(), record.offset(),
                record.key(), detail);
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
        List<RunResult> results;
        Outcome outcome;
        long analysed;
        try (InFlightWork.Started ignored = inFlight.start()) {
            results = analysisTimer.record(() -> analyse(run, chunk));
            analysed = System.nanoTime();
            outcome = storeTimer.record(() -> transactions.execute(status -> store(status, chunk, results)));
        }
        long stored = System.nanoTime();
        log.info("Chunk {}/{} of run {} ({} symbols): analysis {} ms, store {} ms - {}", chunk.chunkNo() + 1,
                chunk.chunkCount(), chunk.runId(), chunk.symbols().size(), (analysed - started) / 1_000_000,
                (stored - analysed) / 1_000_000, outcome);
    }

    private List<RunResult> analyse(ScreenerRun run, ScreenChunk chunk) {
        Market market = Market.valueOf(chunk.market());
        // the run's analysis date (issue 18): the same cut data the run was prepared on
        MarketContext context = marketData.context(market, run.request().asOfDate());
        // the regime the run reports (ScreenerRunner): over the market's default universes, without custom extras
        MarketInput regimeInput = context.input();
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
        return engine.analyze(input, regimeInput, symbols).stream().map(RunResult::unranked).toList();
    }

    /**
     * In a transaction: insert the chunk (a no-op for a redelivered one), then count it on the run row. That
     * update takes the run's row lock only until the commit right after, so the stores of one run's chunks
     * barely wait for each other, and exactly one store brings the count to the chunk count: it completes
     * the run (ranking, results, outbox row) while holding the lock. Under READ COMMITTED every other chunk's
     * insert committed with its count, so the completing store reads them all.
     */
    private Outcome store(TransactionStatus status, ScreenChunk chunk, List<RunResult> results) {
        if (!runs.insertChunk(chunk.runId(), chunk.chunkNo(), chunk.symbols().size(), results, instanceId, clock.instant())) {
            return Outcome.DUPLICATE;
        }
        ScreenerRunRepository.CountedChunk counted = runs.countChunk(chunk.runId(), chunk.symbols().size()).orElse(null);
        if (counted == null) {
            status.setRollbackOnly(); // cancelled or failed meanwhile: keep nothing of it
            return Outcome.RUN_NOT_RUNNING;
        }
        ScreenerRun run = counted.run();
        if (run.chunkCount() == null || counted.chunksDone() < run.chunkCount()) {
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
