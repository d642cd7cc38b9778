package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Scoring.num;
import static io.stockradar.agent.engine.Scoring.round2;

import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Combines the agents' verdicts into the composite, grade, action and rationale.
 *
 * <p>Composite = Σ wₐ·scoreₐ / Σ wₐ over the agents that voted (an abstaining agent drops out of
 * numerator and denominator), rounded to 2 decimals; weights come from the regime's table in
 * {@link EngineSettings}. Grade from the composite: A ≥ 75, B ≥ 62, C ≥ 50, D ≥ 38, else F. Action
 * follows the grade: A → STRONG_BUY, B → BUY, C → HOLD, D and F → AVOID. When no weighted agent
 * voted the composite is 0, grade F, action AVOID and the rationale says there was nothing to
 * judge. A signal's contribution to the composite is wₐ / Σ w × (points it moved its agent's score);
 * the rationale names the three largest by absolute value.
 */
final class Synthesizer {

    static final List<String> AGENT_ORDER = List.of(EngineSettings.REGIME, EngineSettings.SECTOR,
            EngineSettings.TECHNICAL, EngineSettings.FUNDAMENTAL, EngineSettings.RISK);

    private static final Map<String, String> KO_NAMES = Map.of(EngineSettings.REGIME, "시장국면",
            EngineSettings.SECTOR, "업종", EngineSettings.TECHNICAL, "기술적", EngineSettings.FUNDAMENTAL, "펀더멘털",
            EngineSettings.RISK, "위험");
    private static final Map<String, String> EN_NAMES = Map.of(EngineSettings.REGIME, "regime",
            EngineSettings.SECTOR, "sector", EngineSettings.TECHNICAL, "technical", EngineSettings.FUNDAMENTAL,
            "fundamental", EngineSettings.RISK, "risk");

    record Composite(double composite, String grade, String action, Text rationale) {
    }

    static Composite combine(Map<String, Verdict> verdicts, Map<String, Double> weights) {
        double num = 0;
        double den = 0;
        for (String agent : AGENT_ORDER) {
            Verdict v = verdicts.get(agent);
            double w = weights.getOrDefault(agent, 0.0);
            if (v != null && v.score() != null && w > 0) {
                num += w * v.score();
                den += w;
            }
        }
        if (den == 0) {
            return new Composite(0.0, "F", "AVOID", new Text("투표한 에이전트가 없어 판단할 근거가 없습니다 (데이터 부족)",
                    "No agent could vote: nothing to judge (insufficient data)"));
        }
        double composite = round2(num / den);
        record Contribution(String agent, Signal signal, double points, int order) {
        }
        List<Contribution> contributions = new ArrayList<>();
        int order = 0;
        for (String agent : AGENT_ORDER) {
            Verdict v = verdicts.get(agent);
            double w = weights.getOrDefault(agent, 0.0);
            if (v == null || v.score() == null || w <= 0) {
                continue;
            }
            for (Scored s : v.items()) {
                double points = w / den * s.impact();
                if (points != 0) {
                    contributions.add(new Contribution(agent, s.signal(), points, order++));
                }
            }
        }
        contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.points()))
                .thenComparingInt(Contribution::order));
        String grade = grade(composite);
        StringBuilder ko = new StringBuilder("종합 " + num(composite, 1) + "점(" + grade + ")");
        StringBuilder en = new StringBuilder("Composite " + num(composite, 1) + " (" + grade + ")");
        int top = Math.min(3, contributions.size());
        if (top > 0) {
            ko.append(". 주요 요인: ");
            en.append(". Top factors: ");
        }
        for (int i = 0; i < top; i++) {
            Contribution c = contributions.get(i);
            String sep = i == 0 ? "" : "; ";
            String pts = String.format(Locale.ROOT, "%+.1f", c.points());
            ko.append(sep).append(i + 1).append(") [").append(KO_NAMES.get(c.agent())).append("] ")
                    .append(c.signal().text().ko()).append(" (").append(pts).append("점)");
            en.append(sep).append(i + 1).append(") [").append(EN_NAMES.get(c.agent())).append("] ")
                    .append(c.signal().text().en()).append(" (").append(pts).append(" pts)");
        }
        return new Composite(composite, grade, action(grade), new Text(ko.toString(), en.toString()));
    }

    static String grade(double composite) {
        if (composite >= 75) {
            return "A";
        }
        if (composite >= 62) {
            return "B";
        }
        if (composite >= 50) {
            return "C";
        }
        if (composite >= 38) {
            return "D";
        }
        return "F";
    }

    static String action(String grade) {
        return switch (grade) {
            case "A" -> "STRONG_BUY";
            case "B" -> "BUY";
            case "C" -> "HOLD";
            default -> "AVOID";
        };
    }

    static Map<String, AgentResult> results(Map<String, Verdict> verdicts) {
        Map<String, AgentResult> out = new LinkedHashMap<>();
        for (String agent : AGENT_ORDER) {
            out.put(agent, verdicts.get(agent).toResult());
        }
        return Collections.unmodifiableMap(out);
    }
}
