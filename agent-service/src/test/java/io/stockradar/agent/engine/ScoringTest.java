package io.stockradar.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.Scoring.ScoreBuilder;
import io.stockradar.agent.engine.Scoring.Verdict;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void scoreIsFiftyPlusTheWeightedMeanOfClampedComponentsAndImpactsAddUp() {
        Verdict v = new ScoreBuilder()
                .component(Scoring.signal("A", 1, "a", "a"), 2, 1)
                .component(Scoring.signal("B", 1, "b", "b"), 1, -5) // clamped to -1
                .info(Scoring.signal("C", 1, "c", "c"))
                .build();
        // 50 + 50 * (2*1 + 1*-1) / 3
        assertThat(v.score()).isCloseTo(50 + 50 / 3.0, within(0.005));
        assertThat(v.items()).extracting(Scoring.Scored::impact).containsExactly(100 / 3.0, -50 / 3.0, 0.0);
    }

    @Test
    void noComponentMeansAbstain() {
        Verdict v = new ScoreBuilder().info(Scoring.signal("C", 1, "c", "c")).build();
        assertThat(v.score()).isNull();
        assertThat(v.toResult().abstained()).isTrue();
    }

    @Test
    void signalValuesAreRoundedToSixDecimalsButLargeAmountsAreKept() {
        assertThat(Scoring.signal("X", 0.123456789, "", "").value()).isEqualTo(0.123457);
        assertThat(Scoring.signal("X", 6.5e13, "", "").value()).isEqualTo(6.5e13);
        assertThatThrownBy(() -> Scoring.signal("X", Double.NaN, "", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agentResultRequiresScoreNullExactlyWhenAbstaining() {
        assertThatThrownBy(() -> new AgentResult(null, false, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgentResult(50.0, true, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsRejectUnknownAgentsAndNegativeWeights() {
        EngineSettings d = EngineSettings.defaults();
        var weights = new java.util.EnumMap<Regime, java.util.Map<String, Double>>(d.weights());
        weights.put(Regime.BULL, java.util.Map.of("momentum", 1.0));
        assertThatThrownBy(() -> new EngineSettings(weights, d.capital(), 0.01, d.minTradedValue()))
                .hasMessageContaining("momentum");
        weights.put(Regime.BULL, java.util.Map.of("risk", -1.0));
        assertThatThrownBy(() -> new EngineSettings(weights, d.capital(), 0.01, d.minTradedValue()))
                .hasMessageContaining("BULL.risk");
        assertThatThrownBy(() -> new EngineSettings(d.weights(), d.capital(), 1.5, d.minTradedValue()))
                .hasMessageContaining("riskPerTrade");
        assertThat(d.capitalFor("KR")).isEqualTo(100_000_000);
        assertThat(d.minTradedValueFor("US")).isEqualTo(20_000_000);
    }

    @Test
    void priceSeriesRejectsRaggedColumnsAndUnorderedDates() {
        double[] one = {1};
        double[] two = {1, 2};
        assertThatThrownBy(() -> new PriceSeries("X", new int[] {1, 2}, two, two, two, one, two))
                .hasMessageContaining("2 values");
        assertThatThrownBy(() -> new PriceSeries("X", new int[] {2, 2}, two, two, two, two, two))
                .hasMessageContaining("strictly increasing");
    }
}
