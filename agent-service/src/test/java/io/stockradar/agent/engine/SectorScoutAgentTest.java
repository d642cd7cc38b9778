package io.stockradar.agent.engine;

import static io.stockradar.agent.engine.Verdicts.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stockradar.agent.engine.Scoring.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SectorScoutAgentTest {

    private final SectorScoutAgent agent = new SectorScoutAgent();
    private final PriceSeries flatBenchmark = Bars.fromCloses("^KS11", constant(1000, 200), 1, 1e6);

    @Test
    void sectorsAreEqualWeightedAndRankedByRelativeStrength() {
        List<Stock> universe = new ArrayList<>();
        universe.add(stock("A1", "Energy", Bars.geometric(100, 0.003, 200)));
        universe.add(stock("A2", "Energy", Bars.geometric(50, 0.001, 200)));
        universe.add(stock("B1", "Banks", constant(100, 200)));
        universe.add(stock("C1", "Retail", Bars.geometric(100, -0.002, 200)));
        MarketInput market = new MarketInput("KR", flatBenchmark, null, universe);

        SectorTable table = agent.rank(market).table();

        assertThat(table.sectors()).extracting(SectorRow::sector).containsExactly("Energy", "Banks", "Retail");
        assertThat(table.sectors()).extracting(SectorRow::rank).containsExactly(1, 2, 3);
        SectorRow energy = table.sectors().getFirst();
        double r1 = (Math.pow(1.003, 21) - 1 + Math.pow(1.001, 21) - 1) / 2;
        double r3 = (Math.pow(1.003, 63) - 1 + Math.pow(1.001, 63) - 1) / 2;
        double r6 = (Math.pow(1.003, 126) - 1 + Math.pow(1.001, 126) - 1) / 2;
        assertThat(energy.return1m()).isCloseTo(r1, within(1e-12));
        assertThat(energy.return3m()).isCloseTo(r3, within(1e-12));
        assertThat(energy.return6m()).isCloseTo(r6, within(1e-12));
        assertThat(energy.relativeStrength()).isCloseTo(r3, within(1e-12)); // benchmark flat
        assertThat(energy.acceleration()).isCloseTo(r1 - r3, within(1e-12));
        assertThat(energy.members()).isEqualTo(2);
        assertThat(table.asOf()).isEqualTo(flatBenchmark.lastDate());
    }

    @Test
    void relativeStrengthAndAccelerationAreMeasuredAgainstTheBenchmark() {
        // benchmark +0.1%/day; the sector fell for 150 bars and rallies +0.5%/day over the last 50
        double[] sector = Bars.concat(Bars.geometric(100, -0.002, 150),
                Bars.geometric(100 * Math.pow(0.998, 149) * 1.005, 0.005, 50));
        double[] bench = Bars.geometric(1000, 0.001, 200);
        MarketInput market = new MarketInput("KR", Bars.fromCloses("^KS11", bench, 1, 1e6), null,
                List.of(stock("X", "Chips", sector), stock("Y", "Banks", constant(10, 200))));
        SectorRow chips = agent.rank(market).bySector().get("Chips");
        double rs1 = (sector[199] / sector[178] - 1) - (bench[199] / bench[178] - 1);
        double rs3 = (sector[199] / sector[136] - 1) - (bench[199] / bench[136] - 1);
        assertThat(chips.relativeStrength()).isCloseTo(rs3, within(1e-12));
        assertThat(chips.acceleration()).isCloseTo(rs1 - rs3, within(1e-12));
    }

    @Test
    void aStocksScoreIsItsSectorsRankPercentile() {
        List<Stock> universe = List.of(stock("A1", "Energy", Bars.geometric(100, 0.003, 200)),
                stock("B1", "Banks", constant(100, 200)), stock("C1", "Retail", Bars.geometric(100, -0.002, 200)));
        SectorScoutAgent.Ranking ranking = agent.rank(new MarketInput("KR", flatBenchmark, null, universe));

        Verdict top = agent.score(universe.get(0), ranking);
        assertThat(top.score()).isEqualTo(100.0);
        assertThat(signal(top, "SECTOR_RANK").value()).isEqualTo(1);
        assertThat(agent.score(universe.get(1), ranking).score()).isEqualTo(50.0);
        assertThat(agent.score(universe.get(2), ranking).score()).isEqualTo(0.0);
        assertThat(signal(agent.score(universe.get(2), ranking), "SECTOR_RS_3M").value())
                .isCloseTo(Math.pow(0.998, 63) - 1, within(1e-6));
    }

    @Test
    void membersWithoutSixMonthsOfHistoryAreLeftOut() {
        List<Stock> universe = List.of(stock("A1", "Energy", Bars.geometric(100, 0.003, 200)),
                stock("A2", "Energy", Bars.geometric(100, -0.05, 100)), stock("B1", "Banks", constant(100, 200)));
        SectorRow energy = agent.rank(new MarketInput("KR", flatBenchmark, null, universe)).bySector().get("Energy");
        assertThat(energy.members()).isEqualTo(1);
        assertThat(energy.return1m()).isCloseTo(Math.pow(1.003, 21) - 1, within(1e-12));
    }

    @Test
    void abstainsWithoutASectorOrWithASingleSector() {
        Stock orphan = stock("Z", null, constant(100, 200));
        Stock only = stock("A1", "Energy", Bars.geometric(100, 0.003, 200));
        SectorScoutAgent.Ranking ranking = agent.rank(new MarketInput("KR", flatBenchmark, null, List.of(orphan, only)));

        Verdict none = agent.score(orphan, ranking);
        assertThat(none.score()).isNull();
        assertThat(Verdicts.codes(none)).containsExactly("NO_SECTOR");
        Verdict single = agent.score(only, ranking);
        assertThat(single.score()).isNull();
        assertThat(Verdicts.codes(single)).containsExactly("SINGLE_SECTOR");
    }

    @Test
    void theTableIsEmptyWhenTheBenchmarkHasLessThanSixMonths() {
        MarketInput market = new MarketInput("KR", Bars.fromCloses("^KS11", constant(1000, 100), 1, 1e6), null,
                List.of(stock("A1", "Energy", Bars.geometric(100, 0.003, 200))));
        assertThat(agent.rank(market).table().sectors()).isEmpty();
    }

    static double[] constant(double v, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    static Stock stock(String symbol, String sector, double[] closes) {
        return new Stock(symbol, symbol, "KR", sector, null, Bars.fromCloses(symbol, closes, 0.5, 1e6), null);
    }
}
