package io.stockradar.agent.screener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks a run's analysed stocks: the {@code minScore} filter, then the sort key (highest first; a stock
 * whose sort agent abstained goes last), ties by composite then symbol, then the limit. The order is total,
 * so the ranking does not depend on the order in which chunks arrived.
 */
final class RunRanking {

    private RunRanking() {
    }

    static List<RunResult> rank(List<RunResult> analysed, ScreenerRunRequest request) {
        Comparator<RunResult> order = Comparator
                .comparing((RunResult r) -> sortScore(r, request.sort()), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(RunResult::composite, Comparator.reverseOrder())
                .thenComparing(RunResult::symbol);
        Double minScore = request.filters() == null ? null : request.filters().minScore();
        List<RunResult> ranked = analysed.stream()
                .filter(r -> minScore == null || r.composite() >= minScore)
                .sorted(order)
                .limit(request.limit() == null ? ScreenerRunRequestValidator.DEFAULT_LIMIT : request.limit())
                .toList();
        List<RunResult> results = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            results.add(ranked.get(i).withRank(i + 1));
        }
        return results;
    }

    private static Double sortScore(RunResult result, String sort) {
        if (sort == null || sort.equals("composite")) {
            return result.composite();
        }
        RunResult.AgentScore agent = result.agents().get(sort);
        return agent == null ? null : agent.score();
    }
}
