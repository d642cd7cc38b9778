package io.stockradar.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.Scoring.Scored;
import io.stockradar.agent.engine.Scoring.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SynthesizerTest {

    private static final Map<String, Double> WEIGHTS = Map.of("regime", 0.0, "sector", 0.2, "technical", 0.3,
            "fundamental", 0.3, "risk", 0.2);

    @Test
    void compositeIsTheWeightedMeanOfTheVoters() {
        Synthesizer.Composite c = Synthesizer.combine(verdicts(80.0, 70.0, 60.0, 40.0, 90.0), WEIGHTS);
        // regime weighs 0: (0.2*70 + 0.3*60 + 0.3*40 + 0.2*90) / 1.0 = 62
        assertThat(c.composite()).isEqualTo(62.0);
        assertThat(c.grade()).isEqualTo("B");
        assertThat(c.action()).isEqualTo("BUY");
    }

    @Test
    void anAbstainingAgentDropsOutOfNumeratorAndDenominator() {
        Synthesizer.Composite c = Synthesizer.combine(verdicts(80.0, 70.0, 60.0, null, 90.0), WEIGHTS);
        // (0.2*70 + 0.3*60 + 0.2*90) / 0.7 = 50 / 0.7
        assertThat(c.composite()).isCloseTo(50 / 0.7, within(0.005));
        assertThat(c.composite()).isNotEqualTo(Synthesizer.combine(verdicts(80.0, 70.0, 60.0, 0.0, 90.0), WEIGHTS)
                .composite());
    }

    @Test
    void regimeWeightTablesChangeTheComposite() {
        EngineSettings defaults = EngineSettings.defaults();
        Map<String, Verdict> v = verdicts(50.0, 50.0, 90.0, 40.0, 30.0);
        double bull = Synthesizer.combine(v, defaults.weightsFor(Regime.BULL)).composite();
        double bear = Synthesizer.combine(v, defaults.weightsFor(Regime.BEAR)).composite();
        // a strong chart with weak fundamentals and high risk ranks lower in a bear market
        assertThat(bull).isCloseTo((0.2 * 50 + 0.35 * 90 + 0.25 * 40 + 0.2 * 30) / 1.0, within(0.005));
        assertThat(bear).isCloseTo((0.15 * 50 + 0.2 * 90 + 0.35 * 40 + 0.3 * 30) / 1.0, within(0.005));
        assertThat(bear).isLessThan(bull);
        assertThat(defaults.weightsFor(Regime.BEAR).get("risk")).isGreaterThan(defaults.weightsFor(Regime.BULL).get("risk"));
        assertThat(defaults.weightsFor(Regime.BEAR).get("fundamental"))
                .isGreaterThan(defaults.weightsFor(Regime.BULL).get("fundamental"));
        assertThat(defaults.weightsFor(Regime.BEAR).get("technical"))
                .isLessThan(defaults.weightsFor(Regime.BULL).get("technical"));
    }

    @Test
    void aConfiguredRegimeWeightMakesTheRegimeAgentVote() {
        Map<String, Double> w = new LinkedHashMap<>(WEIGHTS);
        w.put("regime", 1.0);
        assertThat(Synthesizer.combine(verdicts(80.0, 70.0, 60.0, 40.0, 90.0), w).composite())
                .isCloseTo((62.0 + 80.0) / 2, within(0.005));
    }

    @Test
    void noVoterMeansGradeFAndSaysWhy() {
        Synthesizer.Composite c = Synthesizer.combine(verdicts(50.0, null, null, null, null), WEIGHTS);
        assertThat(c.composite()).isZero();
        assertThat(c.grade()).isEqualTo("F");
        assertThat(c.action()).isEqualTo("AVOID");
        assertThat(c.rationale().en()).contains("No agent could vote");
    }

    @ParameterizedTest
    @CsvSource({"100,A,STRONG_BUY", "75,A,STRONG_BUY", "74.99,B,BUY", "62,B,BUY", "61.99,C,HOLD", "50,C,HOLD",
            "49.99,D,AVOID", "38,D,AVOID", "37.99,F,AVOID", "0,F,AVOID"})
    void gradeAndActionBoundaries(double composite, String grade, String action) {
        assertThat(Synthesizer.grade(composite)).isEqualTo(grade);
        assertThat(Synthesizer.action(grade)).isEqualTo(action);
    }

    @Test
    void rationaleNamesTheThreeLargestContributionsWithTheirNumbers() {
        Map<String, Verdict> v = new LinkedHashMap<>();
        v.put("regime", new Verdict(60.0, List.of(scored("BREADTH_ABOVE_SMA200", 0.7, 10))));
        v.put("sector", new Verdict(100.0, List.of(scored("SECTOR_RANK", 1, 50))));
        v.put("technical", new Verdict(40.0, List.of(scored("CLOSE_VS_SMA200", -0.12, -15), scored("RSI14", 48, 5))));
        v.put("fundamental", new Verdict(null, List.of(scored("NO_FUNDAMENTALS", 0, 0))));
        v.put("risk", new Verdict(70.0, List.of(scored("VOLATILITY_20D", 0.18, 20))));
        Synthesizer.Composite c = Synthesizer.combine(v, WEIGHTS);
        // voters weigh 0.2 + 0.3 + 0.2 = 0.7: sector 0.2/0.7*50 = 14.3, technical 0.3/0.7*-15 = -6.4,
        // risk 0.2/0.7*20 = 5.7, RSI 0.3/0.7*5 = 2.1 (fourth, left out); regime weighs 0
        assertThat(c.rationale().en()).contains("1) [sector] SECTOR_RANK en (+14.3 pts)",
                "2) [technical] CLOSE_VS_SMA200 en (-6.4 pts)", "3) [risk] VOLATILITY_20D en (+5.7 pts)")
                .doesNotContain("RSI14").doesNotContain("BREADTH");
        assertThat(c.rationale().ko()).contains("1) [업종] SECTOR_RANK ko (+14.3점)");
    }

    private static Scored scored(String code, double value, double impact) {
        return new Scored(new Signal(code, value, new Text(code + " ko", code + " en")), impact);
    }

    private static Map<String, Verdict> verdicts(Double regime, Double sector, Double technical, Double fundamental,
            Double risk) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        v.put("regime", verdict(regime));
        v.put("sector", verdict(sector));
        v.put("technical", verdict(technical));
        v.put("fundamental", verdict(fundamental));
        v.put("risk", verdict(risk));
        return v;
    }

    private static Verdict verdict(Double score) {
        return score == null ? Verdict.abstain(new Signal("WHY", 0, new Text("ko", "en")))
                : new Verdict(score, List.of(scored("X", 1, score - 50)));
    }
}
