package io.stockradar.agent.screener;

import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketDataService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Accepts, reads and cancels runs. A run answerable from a precomputed screen completes at once; any other
 * run is stored QUEUED and handed to this instance's bounded executor, which prepares it and publishes its
 * chunks (the claim checks {@code accepted_by}, so two instances on one database never prepare it twice).
 * Runs whose owner died or restarted are taken over by a live instance ({@link RunTakeover}), never failed.
 * A user holds at most {@link ScreenerLimitsProperties#runsInFlightPerUser()} unfinished runs (429 beyond).
 */
@Service
class ScreenerRunService {

    private static final Logger log = LoggerFactory.getLogger(ScreenerRunService.class);

    private final ScreenerRunRepository runs;
    private final ScreenerRunner runner;
    private final ScreenerPresets presets;
    private final ScreenerPrecompute precompute;
    private final MarketDataService marketData;
    private final RunCompleter completer;
    private final TransactionTemplate transactions;
    private final ThreadPoolTaskExecutor executor;
    private final String instanceId;
    private final ScreenerLimitsProperties limits;
    private final Counter refusedRuns;
    private final Clock clock = Clock.systemUTC();

    ScreenerRunService(ScreenerRunRepository runs, ScreenerRunner runner, ScreenerPresets presets,
                       ScreenerPrecompute precompute, RunCompleter completer, TransactionTemplate transactions,
                       @Qualifier("screenerRunExecutor") ThreadPoolTaskExecutor executor,
                       InstanceProperties instance, ScreenerLimitsProperties limits, MeterRegistry meters,
                       MarketDataService marketData) {
        this.runs = runs;
        this.marketData = marketData;
        this.runner = runner;
        this.presets = presets;
        this.precompute = precompute;
        this.completer = completer;
        this.transactions = transactions;
        this.executor = executor;
        this.instanceId = instance.instanceId();
        this.limits = limits;
        this.refusedRuns = Counter.builder("stockradar.screener.refused").tag("kind", "run")
                .description("Runs and streams refused because the user holds the most allowed (429)").register(meters);
    }

    Submitted submit(String userId, ScreenerRunRequest request) {
        ScreenerRunRequest valid = ScreenerRunRequestValidator.validate(presets.resolve(request));
        if (valid.asOf() != null) {
            // a date in the future, before the data or with too little history is the caller's 400 now, not a
            // failed run later; the past context it loads is the one the run is then screened on (cached)
            markets(valid).forEach(market -> marketData.context(market, valid.asOfDate()));
        }
        UUID runId = UUID.randomUUID();
        String universe = valid.universe() != null ? valid.universe() : ScreenerRunner.CUSTOM;
        Optional<PrecomputedScreen> precomputed = precompute.servable(valid);
        if (precomputed.isPresent()) {
            PrecomputedScreen screen = precomputed.get();
            // a run of its own (id, owner, request, outbox event for history), ranked from the precomputed screen
            transactions.executeWithoutResult(status -> {
                runs.insertQueued(runId, userId, universe, valid, instanceId, clock.instant());
                runs.claim(runId, instanceId, clock.instant());
                runs.prepared(runId, instanceId, screen.results().size(), 0, screen.regime(), screen.missing(),
                        screen.dataAsOf(), screen.source());
                completer.complete(runs.lock(runId).orElseThrow(), screen.results());
            });
            log.info("Run {} for user {} ({}) answered from the screen precomputed at {} on data as of {}", runId, userId,
                    universe, screen.computedAt(), screen.dataAsOf());
            return new Submitted(runId, RunStatus.COMPLETED);
        }
        boolean accepted = Boolean.TRUE.equals(transactions.execute(status -> {
            runs.lockUserSubmissions(userId);
            if (runs.countInFlight(userId) >= limits.runsInFlightPerUser()) {
                return false;
            }
            runs.insertQueued(runId, userId, universe, valid, instanceId, clock.instant());
            return true;
        }));
        if (!accepted) {
            refusedRuns.increment();
            log.info("Run refused for user {}: {} runs in flight already", userId, limits.runsInFlightPerUser());
            throw TooManyRequestsProblem.of("You have " + limits.runsInFlightPerUser()
                    + " screener runs in progress, the most allowed at once; wait for one to finish or cancel one",
                    limits.runRetryAfter());
        }
        try {
            executor.execute(() -> runner.execute(runId));
        } catch (TaskRejectedException e) {
            runs.fail(runId, "Too many runs in progress", clock.instant());
            throw ApiProblem.unavailable("Too many screener runs in progress; try again shortly");
        }
        log.info("Run {} accepted for user {} ({})", runId, userId, universe);
        return new Submitted(runId, RunStatus.QUEUED);
    }

    record Submitted(UUID runId, RunStatus status) {
    }

    ScreenerRun get(String userId, UUID runId) {
        return runs.findForUser(runId, userId).orElseThrow(() -> notFound(runId));
    }

    /** Cancels a queued or running run; a finished run cannot be cancelled (409). */
    void cancel(String userId, UUID runId) {
        if (runs.cancel(runId, userId, clock.instant())) {
            log.info("Run {} cancelled by user {}", runId, userId);
            return;
        }
        ScreenerRun run = get(userId, runId);
        if (run.status() != RunStatus.CANCELLED) {
            throw ApiProblem.conflict("Run " + runId + " already finished with status " + run.status());
        }
    }

    static ApiProblem notFound(UUID runId) {
        return ApiProblem.notFound("No screener run " + runId);
    }

    /** The markets a run screens: its universe's, or those of its symbols. */
    private static Set<Market> markets(ScreenerRunRequest request) {
        if (request.universe() != null) {
            return Set.of(Market.Universe.valueOf(request.universe()).market());
        }
        Set<Market> markets = new LinkedHashSet<>();
        request.symbols().forEach(symbol -> markets.add(Market.ofSymbol(symbol)));
        return markets;
    }
}
