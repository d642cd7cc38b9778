package io.stockradar.history.scorecard;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.history.scorecard.ForwardReturns.Outcome;
import io.stockradar.history.scorecard.MarketDataClient.BarsResponse;
import io.stockradar.history.scorecard.MarketDataClient.Series;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Fills {@code pick_outcome}: for every stored pick (every ranked result) and each horizon of 5, 20 and 60
 * trading days, the stock's forward return, its benchmark's (^KS11 for .KS/.KQ, ^GSPC otherwise) over the
 * same dates, and the excess (see {@link ForwardReturns}). Picks whose horizon is not reached yet are
 * left without a row and looked at again on the next run.
 * <p>
 * Idempotent: it only reads picks with missing horizons and inserts with {@code ON CONFLICT DO NOTHING},
 * so a second run (or a crash and a rerun) never duplicates a row or changes one already computed. Only
 * one instance works at a time ({@link JobLock}).
 */
@Component
class OutcomeJob {

    static final List<Integer> HORIZONS = List.of(5, 20, 60);
    static final String LOCK = "stockradar.history.scorecard";
    static final String KR_BENCHMARK = "^KS11";
    static final String US_BENCHMARK = "^GSPC";
    /** A pick needs at least 5 trading days after its date, so at least a week must have passed. */
    private static final int MIN_CALENDAR_DAYS = 7;

    private static final Logger log = LoggerFactory.getLogger(OutcomeJob.class);

    /**
     * What one invocation did; {@code ran} is false when another instance held the lock. Picks of a bars
     * request that failed ({@code failedRequests}) are not scored and are tried again on the next run.
     */
    record Summary(boolean ran, int picksExamined, int outcomesStored, int failedRequests) {
    }

    private record Pick(UUID runId, int rank, String symbol, LocalDate analysisDate) {
    }

    private record Row(Pick pick, Outcome outcome) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transactions;
    private final MarketDataClient marketData;
    private final JobLock lock;
    private final ScorecardProperties properties;
    private final MeterRegistry meters;

    OutcomeJob(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transactions,
               MarketDataClient marketData, JobLock lock, ScorecardProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transactions = transactions;
        this.marketData = marketData;
        this.lock = lock;
        this.properties = properties;
        this.meters = meters;
    }

    @Scheduled(cron = "${stockradar.history.scorecard.cron}", zone = "${stockradar.history.scorecard.zone}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            // the next scheduled run starts over from the picks still missing outcomes
            log.warn("Scorecard outcome job failed: {}", e.toString());
        }
    }

    Summary run() {
        Summary summary = lock.tryRun(LOCK, this::fill).orElse(new Summary(false, 0, 0, 0));
        if (summary.ran()) {
            log.info("Scorecard: examined {} picks, stored {} outcomes, {} failed market-data requests",
                    summary.picksExamined(), summary.outcomesStored(), summary.failedRequests());
            meters.counter("stockradar.history.scorecard.outcomes").increment(summary.outcomesStored());
        } else {
            log.info("Scorecard: another instance is filling outcomes; skipped");
        }
        return summary;
    }

    private Summary fill() {
        Map<String, Optional<Series>> series = new HashMap<>();
        int examined = 0;
        int stored = 0;
        int failed = 0;
        UUID afterRun = new UUID(0, 0);
        int afterRank = 0;
        while (true) {
            List<Pick> page = pendingPicks(afterRun, afterRank);
            if (page.isEmpty()) {
                return new Summary(true, examined, stored, failed);
            }
            examined += page.size();
            failed += load(page, series);
            List<Row> rows = new ArrayList<>();
            for (Pick pick : page) {
                Optional<Series> stock = series.get(pick.symbol());
                Optional<Series> benchmark = series.get(benchmarkOf(pick.symbol()));
                if (stock.isEmpty() || benchmark.isEmpty()) {
                    continue;
                }
                for (int horizon : HORIZONS) {
                    ForwardReturns.of(stock.get(), benchmark.get(), pick.analysisDate(), horizon)
                            .ifPresent(outcome -> rows.add(new Row(pick, outcome)));
                }
            }
            stored += store(rows);
            afterRun = page.getLast().runId();
            afterRank = page.getLast().rank();
        }
    }

    static String benchmarkOf(String symbol) {
        return symbol.endsWith(".KS") || symbol.endsWith(".KQ") ? KR_BENCHMARK : US_BENCHMARK;
    }

    private List<Pick> pendingPicks(UUID afterRun, int afterRank) {
        return jdbc.sql("""
                        SELECT r.run_id, r.rank, r.symbol, d.analysis_date
                        FROM analysis_result r
                        JOIN analysis_run a ON a.run_id = r.run_id
                        CROSS JOIN LATERAL (SELECT coalesce(a.data_as_of, (a.created_at AT TIME ZONE 'UTC')::date)
                                            AS analysis_date) d
                        WHERE (r.run_id, r.rank) > (:afterRun, :afterRank)
                          AND d.analysis_date <= current_date - :minDays
                          AND (SELECT count(*) FROM pick_outcome o WHERE o.run_id = r.run_id AND o.rank = r.rank)
                              < :horizons
                        ORDER BY r.run_id, r.rank
                        LIMIT :page""")
                .param("afterRun", afterRun)
                .param("afterRank", afterRank)
                .param("minDays", MIN_CALENDAR_DAYS)
                .param("horizons", HORIZONS.size())
                .param("page", properties.pageSize())
                .query((rs, n) -> new Pick(rs.getObject("run_id", UUID.class), rs.getInt("rank"),
                        rs.getString("symbol"), rs.getObject("analysis_date", LocalDate.class)))
                .list();
    }

    /**
     * Fetches the series of every symbol (and benchmark) of the page not fetched yet in this run. A failed
     * request leaves its symbols without a series for this run (their picks stay pending, no row is
     * written) instead of stopping the whole job. Returns the number of failed requests.
     */
    private int load(List<Pick> page, Map<String, Optional<Series>> series) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Pick pick : page) {
            wanted.add(benchmarkOf(pick.symbol()));
            wanted.add(pick.symbol());
        }
        wanted.removeAll(series.keySet());
        int failed = 0;
        List<String> symbols = List.copyOf(wanted);
        for (int from = 0; from < symbols.size(); from += properties.symbolsPerRequest()) {
            List<String> chunk = symbols.subList(from, Math.min(symbols.size(), from + properties.symbolsPerRequest()));
            try {
                BarsResponse response = marketData.bars(chunk, properties.barsDays());
                for (String symbol : chunk) {
                    series.put(symbol, Optional.ofNullable(response.series().get(symbol)));
                }
            } catch (RestClientException e) {
                log.warn("Scorecard: bars of {} symbols unavailable, their picks wait for the next run: {}",
                        chunk.size(), e.toString());
                chunk.forEach(symbol -> series.put(symbol, Optional.empty()));
                failed++;
            }
        }
        return failed;
    }

    private int store(List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int[][] counts = transactions.execute(status -> jdbcTemplate.batchUpdate("""
                        INSERT INTO pick_outcome (run_id, rank, horizon, entry_date, exit_date, stock_return,
                                                  benchmark_return, excess_return)
                        SELECT ?, ?, ?, ?, ?, ?, ?, ?
                        WHERE EXISTS (SELECT 1 FROM analysis_result WHERE run_id = ? AND rank = ?)
                        ON CONFLICT (run_id, rank, horizon) DO NOTHING""",
                rows, rows.size(), (statement, row) -> {
                    statement.setObject(1, row.pick().runId());
                    statement.setInt(2, row.pick().rank());
                    statement.setInt(3, row.outcome().horizon());
                    statement.setDate(4, Date.valueOf(row.outcome().entryDate()));
                    statement.setDate(5, Date.valueOf(row.outcome().exitDate()));
                    statement.setDouble(6, row.outcome().stockReturn());
                    statement.setDouble(7, row.outcome().benchmarkReturn());
                    statement.setDouble(8, row.outcome().excessReturn());
                    statement.setObject(9, row.pick().runId());
                    statement.setInt(10, row.pick().rank());
                }));
        int stored = 0;
        if (counts != null) {
            for (int[] batch : counts) {
                for (int count : batch) {
                    stored += Math.max(count, 0);
                }
            }
        }
        return stored;
    }
}
