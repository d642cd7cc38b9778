package io.stockradar.history.scorecard;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How past picks performed after the analysis (public contract: add fields freely, never rename or remove).
 *
 * @param asOf           the latest exit date any outcome in scope reaches (the market data the figures use)
 * @param computedAt     when the newest outcome in scope was computed; null when there is none yet
 * @param scope          {@code me} (the caller's picks) or {@code all} (every user's, aggregated)
 * @param agentThreshold the score from which an agent counts as having picked a stock (see byAgent)
 * @param byGrade        per grade A-F: every ranked result with that grade
 * @param byAgent        per agent: the results it scored at least {@code agentThreshold} (abstentions excluded)
 */
record ScorecardResponse(LocalDate asOf, Instant computedAt, String scope, double agentThreshold,
                         List<GroupStatsResponse> byGrade, List<GroupStatsResponse> byAgent) {

    /**
     * Statistics of one group of picks. For each horizon (5, 20, 60 trading days): {@code samples} = picks
     * whose horizon has passed and could be measured (too recent picks are excluded, not counted as zero);
     * {@code hitRate} = share of samples with excess return &gt; 0; {@code avgExcessReturn} = their mean
     * excess return over the benchmark, as a fraction (0.0123 = +1.23 %). Both are null without samples.
     *
     * @param grade the grade (byGrade only; absent in byAgent)
     * @param agent the agent (byAgent only; absent in byGrade)
     * @param picks every pick in the group, measured or not
     */
    record GroupStatsResponse(@JsonInclude(JsonInclude.Include.NON_NULL) String grade,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String agent, long picks,
                              Double hitRate5d, Double hitRate20d, Double hitRate60d,
                              Double avgExcessReturn5d, Double avgExcessReturn20d, Double avgExcessReturn60d,
                              long samples5d, long samples20d, long samples60d) {
    }
}
