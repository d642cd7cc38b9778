package io.stockradar.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Shared scoring arithmetic. An agent score is {@code 50 + 50 · Σ wᵢ·sᵢ / Σ wᵢ} over the components
 * it could compute, each component scoring {@code sᵢ ∈ [−1, 1]}. Because the score is a sum, every
 * signal knows exactly how many points it moved the score ({@code impact = 50 · wᵢ·sᵢ / Σ wᵢ}); the
 * synthesis uses those impacts to pick the signals that contributed most.
 */
final class Scoring {

    private Scoring() {
    }

    /** A signal and the points it moved its agent's score (0 for purely informative signals). */
    record Scored(Signal signal, double impact) {
    }

    /** An agent's verdict with the impact of each signal. {@code score == null} = abstained. */
    record Verdict(Double score, List<Scored> items) {

        Verdict {
            items = List.copyOf(items);
        }

        static Verdict abstain(Signal... why) {
            List<Scored> items = new ArrayList<>();
            for (Signal s : why) {
                items.add(new Scored(s, 0));
            }
            return new Verdict(null, items);
        }

        AgentResult toResult() {
            List<Signal> signals = new ArrayList<>(items.size());
            for (Scored s : items) {
                signals.add(s.signal());
            }
            return score == null ? AgentResult.abstain(signals) : AgentResult.voted(score, signals);
        }
    }

    /** Collects weighted components in [−1, 1] and informative signals, in insertion order. */
    static final class ScoreBuilder {
        private final List<Signal> signals = new ArrayList<>();
        private final List<Double> weightedScores = new ArrayList<>();
        private double totalWeight;

        /** A component that votes with {@code weight} and sub-score {@code s} (clamped to [−1, 1]). */
        ScoreBuilder component(Signal signal, double weight, double s) {
            double ws = weight * clamp(s, -1, 1);
            signals.add(signal);
            weightedScores.add(ws);
            totalWeight += weight;
            return this;
        }

        /** A signal that explains but does not move the score. */
        ScoreBuilder info(Signal signal) {
            signals.add(signal);
            weightedScores.add(Double.NaN);
            return this;
        }

        boolean hasComponents() {
            return totalWeight > 0;
        }

        /** Score 0-100 and per-signal impacts; abstains (null score) when no component was added. */
        Verdict build() {
            List<Scored> items = new ArrayList<>(signals.size());
            double sum = 0;
            for (int i = 0; i < signals.size(); i++) {
                double ws = weightedScores.get(i);
                double impact = Double.isNaN(ws) || totalWeight == 0 ? 0 : 50.0 * ws / totalWeight;
                sum += impact;
                items.add(new Scored(signals.get(i), impact));
            }
            return new Verdict(totalWeight > 0 ? round2(clamp(50.0 + sum, 0, 100)) : null, items);
        }
    }

    static Signal signal(String code, double value, String ko, String en) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("signal " + code + " needs a finite value");
        }
        return new Signal(code, round6(value), new Text(ko, en));
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Linear map: {@code good → +1}, {@code neutral → 0}, continuing linearly, clamped to [−1, 1]. */
    static double linear(double v, double neutral, double good) {
        return clamp((v - neutral) / (good - neutral), -1, 1);
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** Rounds to 6 decimals; values of 1e9 and more (traded values) are kept as they are. */
    static double round6(double v) {
        return Math.abs(v) >= 1e9 ? v : Math.round(v * 1e6) / 1e6;
    }

    /** Signed percentage with one decimal, e.g. {@code +12.3%}. */
    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    /** Unsigned percentage with one decimal, e.g. {@code 23.4%}. */
    static String upct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Whole number with thousands separators, e.g. {@code 5,000,000,000}. */
    static String money(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
