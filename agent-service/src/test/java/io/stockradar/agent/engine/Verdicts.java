package io.stockradar.agent.engine;

import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import java.util.List;
import java.util.Optional;

/** Test helper: finds signals by code. */
final class Verdicts {

    private Verdicts() {
    }

    static Optional<Signal> find(List<Signal> signals, String code) {
        return signals.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    static Signal signal(List<Signal> signals, String code) {
        return find(signals, code).orElseThrow(() -> new AssertionError("no signal " + code + " in " + codes(signals)));
    }

    static Signal signal(Verdict v, String code) {
        return signal(v.toResult().signals(), code);
    }

    static boolean has(Verdict v, String code) {
        return find(v.toResult().signals(), code).isPresent();
    }

    static List<String> codes(List<Signal> signals) {
        return signals.stream().map(Signal::code).toList();
    }

    static List<String> codes(Verdict v) {
        return codes(v.toResult().signals());
    }

    static double impactSum(Verdict v) {
        return v.items().stream().mapToDouble(Scored::impact).sum();
    }
}
