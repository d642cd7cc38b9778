package io.stockradar.agent.screener;

import io.stockradar.agent.engine.RegimeAssessment;
import io.stockradar.agent.engine.ScreenerEngine;
import io.stockradar.agent.instance.InstanceProperties;
import io.stockradar.agent.marketdata.Market;
import io.stockradar.agent.marketdata.MarketContext;
import io.stockradar.agent.marketdata.MarketDataService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Screens the default universes ahead of demand: after each market's close (cron per market, in the
 * market's time zone) and once at startup when the current data has no screen yet. Every member is analysed
 * once and kept unranked per universe and data date, so a run over a default universe whose filters need no
 * stock data is ranked from it at once ({@link #servable}) and {@code GET /api/screener/latest} answers
 * immediately.
 *
 * <p>One instance computes a universe at a time: a transaction-scoped PostgreSQL advisory lock per universe
 * ({@code pg_try_advisory_xact_lock}); an instance that does not get it skips, as the holder does the work.
 */
@Component
class ScreenerPrecompute {

    private static final Logger log = LoggerFactory.getLogger(ScreenerPrecompute.class);

    private final MarketDataService marketData;
    private final ScreenerEngine engine;
    private final PrecomputedScreenRepository screens;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String instanceId;
    private final boolean onStartup;
    private final int startupAttempts;
    private final Duration startupRetryInterval;
    private final Clock clock = Clock.systemUTC();

    ScreenerPrecompute(MarketDataService marketData, ScreenerEngine engine, PrecomputedScreenRepository screens,
                       JdbcClient jdbc, TransactionTemplate transactions,
                       InstanceProperties instance,
                       @Value("${stockradar.precompute.on-startup}") boolean onStartup,
                       @Value("${stockradar.precompute.startup-attempts}") int startupAttempts,
                       @Value("${stockradar.precompute.startup-retry-interval}") Duration startupRetryInterval) {
        this.marketData = marketData;
        this.engine = engine;
        this.screens = screens;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.instanceId = instance.instanceId();
        this.onStartup = onStartup;
        this.startupAttempts = startupAttempts;
        this.startupRetryInterval = startupRetryInterval;
    }

    @Scheduled(cron = "${stockradar.precompute.kr.cron}", zone = "${stockradar.precompute.kr.zone}")
    void afterKrClose() {
        runQuietly(Market.KR, true);
    }

    @Scheduled(cron = "${stockradar.precompute.us.cron}", zone = "${stockradar.precompute.us.zone}")
    void afterUsClose() {
        runQuietly(Market.US, true);
    }

    /**
     * At startup, in the background: screens for the current data that nobody computed yet. Market data may
     * start after this service (a fresh stack): a market that fails is tried again every
     * {@code startup-retry-interval}, at most {@code startup-attempts} times.
     */
    @EventListener(ApplicationReadyEvent.class)
    void precomputeMissingAtStartup() {
        if (!onStartup) {
            return;
        }
        Thread.ofVirtual().name("screener-precompute").start(() -> {
            for (Market market : Market.values()) {
                for (int attempt = 1; attempt <= startupAttempts && !runQuietly(market, false); attempt++) {
                    try {
                        Thread.sleep(startupRetryInterval);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    private boolean runQuietly(Market market, boolean replace) {
        try {
            precompute(market, replace);
            return true;
        } catch (RuntimeException e) {
            log.warn("Precomputing the {} screens failed: {}", market, e.getMessage());
            return false;
        }
    }

    /**
     * Screens the market's default universes on its current data.
     *
     * @param replace recompute even if a screen for this data date exists (the nightly job); {@code false}
     *                only fills in missing ones (startup)
     * @return the universes this instance computed (another instance holding the lock, or an existing screen,
     *         leaves a universe out)
     */
    List<Market.Universe> precompute(Market market, boolean replace) {
        long started = System.nanoTime();
        MarketContext context = marketData.context(market);
        // one regime per market (breadth over all its default universes): reported with each screen and used
        // for every stock's weights and regime score, exactly as GET /api/market/regime reports it
        RegimeAssessment assessment = engine.assessRegime(context.input());
        RunRegime regime = new RunRegime(assessment.market(), assessment.regime().name(),
                assessment.volatility().name(), assessment.riskAppetite());
        List<Market.Universe> computed = new ArrayList<>();
        for (Market.Universe universe : market.defaultUniverses()) {
            Boolean done = transactions.execute(status -> {
                Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('stockradar.precompute'), hashtext(:universe))")
                        .param("universe", universe.name()).query(Boolean.class).single();
                if (!Boolean.TRUE.equals(locked)) {
                    log.info("{} is being precomputed by another instance", universe);
                    return false;
                }
                if (!replace && screens.exists(universe.name(), context.dataAsOf())) {
                    return false;
                }
                List<String> members = context.members().getOrDefault(universe, List.of());
                List<String> present = members.stream().filter(context::contains).toList();
                List<String> missing = members.stream().filter(symbol -> !context.contains(symbol)).toList();
                List<RunResult> results = engine.analyze(context.inputFor(universe), context.input(), present).stream()
                        .map(RunResult::unranked).toList();
                screens.save(new PrecomputedScreen(universe.name(), context.dataAsOf(), context.source(), regime, results,
                        missing, instanceId, clock.instant()));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                computed.add(universe);
            }
        }
        log.info("Precomputed {} screens {} on data as of {} in {} ms", market, computed, context.dataAsOf(),
                (System.nanoTime() - started) / 1_000_000);
        return computed;
    }

    /**
     * The precomputed screen that answers this (validated) request, if any: a default universe, filters that
     * need no stock data (none, or only {@code minScore}), and a screen on the market's current data.
     * Touches market data only when a screen of the universe exists at all.
     */
    Optional<PrecomputedScreen> servable(ScreenerRunRequest request) {
        if (request.universe() == null || request.asOf() != null) {
            // screens are precomputed on the latest data only: a run as of a past date is always screened (issue 18)
            return Optional.empty();
        }
        ScreenerRunRequest.Filters filters = request.filters();
        if (filters != null && (filters.minMarketCap() != null || filters.minLiquidity() != null || filters.sectors() != null)) {
            return Optional.empty();
        }
        Optional<PrecomputedScreen> latest = screens.latest(request.universe());
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        try {
            MarketContext context = marketData.context(Market.Universe.valueOf(request.universe()).market());
            return latest.filter(screen -> screen.dataAsOf().equals(context.dataAsOf())
                    && screen.source().equals(context.source()));
        } catch (RuntimeException e) {
            // market data unreachable: the normal path reports it on the run
            return Optional.empty();
        }
    }
}
