package io.stockradar.bench.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CrossCheckTest {

    private static Panel panel;

    @BeforeAll
    static void loadPanel() {
        panel = Panel.standard();
    }

    @Test
    void panelHasTheBenchmarkShapeWithRealSeriesFirst() {
        assertThat(panel.symbols()).isEqualTo(850);
        assertThat(panel.bars()).isEqualTo(500);
        assertThat(panel.name(0)).isEqualTo("AAPL");
        assertThat(panel.name(panel.realSymbols())).startsWith("GEN");
        assertThat(panel.benchmarkClose()).hasSize(500);
    }

    @Test
    void generatedBarsAreConsistentOhlc() {
        for (int s = panel.realSymbols(); s < panel.symbols(); s++) {
            for (int i = 0; i < panel.bars(); i++) {
                double o = panel.open(s)[i];
                double c = panel.close(s)[i];
                assertThat(panel.high(s)[i]).isGreaterThanOrEqualTo(Math.max(o, c) * (1 - 1e-12));
                assertThat(panel.low(s)[i]).isLessThanOrEqualTo(Math.min(o, c) * (1 + 1e-12)).isPositive();
            }
        }
    }

    @Test
    void panelIsDeterministic() {
        Panel again = Panel.standard();
        assertThat(again.close(849)).containsExactly(panel.close(849));
    }

    @Test
    void engineAndTa4jAgreeAfterTheWarmUpOnRealAndGeneratedSeries() {
        CrossCheck.Result r = CrossCheck.run(panel, CrossCheck.defaultSymbols(panel));
        assertThat(r.mismatches()).isEmpty();
        // 14 series x 200 warmed-up bars + 2 scalars, on 22 symbols
        assertThat(r.compared()).isEqualTo(22 * (14 * 200 + 2));
    }

    @Test
    void crossCheckCatchesADifferentValue() {
        KernelValues engine = EngineKernels.compute(panel, 0);
        KernelValues reference = new Ta4jKernels(panel).compute(0);
        engine.atr14()[450] += 1e-5;
        assertThat(CrossCheck.compare("AAPL", engine, reference).mismatches())
                .singleElement().asString().contains("atr14[450]");
        KernelValues otherBeta = new KernelValues(reference.sma20(), reference.sma50(), reference.sma200(),
                reference.ema12(), reference.ema26(), reference.rsi14(), reference.macdLine(), reference.macdSignal(),
                reference.macdHistogram(), reference.atr14(), reference.donchianHigh20(), reference.donchianLow20(),
                reference.vol20(), reference.vol60(), Double.NaN, reference.maxDrawdown252());
        assertThat(CrossCheck.compare("AAPL", EngineKernels.compute(panel, 0), otherBeta).mismatches())
                .singleElement().asString().contains("beta252");
    }
}
