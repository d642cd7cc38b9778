package io.stockradar.history.scorecard;

import io.stockradar.history.scorecard.ForwardReturns.Outcome;
import io.stockradar.history.scorecard.MarketDataClient.Series;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForwardReturnsTest {

    // Mon 2025-03-03 is a KRX holiday in reality; here it is simply absent, like any non-trading day
    private static final Series STOCK = series("2025-02-27", "2025-02-28", "2025-03-04", "2025-03-05", "2025-03-06")
            .withCloses(100.0, 110.0, 121.0, 99.0, 132.0);
    private static final Series INDEX = series("2025-02-27", "2025-02-28", "2025-03-04", "2025-03-05", "2025-03-06")
            .withCloses(1000.0, 1000.0, 1050.0, 1100.0, 1200.0);

    @Test
    void entersAtTheAnalysisDatesCloseAndExitsNTradingDaysLater() {
        Outcome outcome = ForwardReturns.of(STOCK, INDEX, LocalDate.parse("2025-02-28"), 2).orElseThrow();

        assertThat(outcome.entryDate()).isEqualTo(LocalDate.parse("2025-02-28"));
        assertThat(outcome.exitDate()).isEqualTo(LocalDate.parse("2025-03-05"));
        assertThat(outcome.stockReturn()).isCloseTo(99.0 / 110.0 - 1, within(1e-12));
        assertThat(outcome.benchmarkReturn()).isCloseTo(1100.0 / 1000.0 - 1, within(1e-12));
        assertThat(outcome.excessReturn()).isCloseTo((99.0 / 110.0 - 1) - 0.1, within(1e-12));
    }

    @Test
    void usesTheLastCloseOnOrBeforeANonTradingAnalysisDateNeverALaterOne() {
        // analysed on the holiday 2025-03-03: the data it saw ended with 2025-02-28's close
        Outcome outcome = ForwardReturns.of(STOCK, INDEX, LocalDate.parse("2025-03-03"), 1).orElseThrow();

        assertThat(outcome.entryDate()).isEqualTo(LocalDate.parse("2025-02-28"));
        assertThat(outcome.exitDate()).isEqualTo(LocalDate.parse("2025-03-04"));
        assertThat(outcome.stockReturn()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void hasNoOutcomeWhenTheSeriesDoesNotReachTheHorizon() {
        assertThat(ForwardReturns.of(STOCK, INDEX, LocalDate.parse("2025-03-05"), 1)).isPresent();
        assertThat(ForwardReturns.of(STOCK, INDEX, LocalDate.parse("2025-03-05"), 2)).isEmpty();
        assertThat(ForwardReturns.of(STOCK, INDEX, LocalDate.parse("2025-03-06"), 1)).isEmpty();
    }

    @Test
    void hasNoOutcomeBeforeTheSeriesStartsOrWhenTheBenchmarkEndsEarly() {
        assertThat(ForwardReturns.of(STOCK, INDEX, LocalDate.parse("2025-02-26"), 1)).isEmpty();
        Series shortIndex = series("2025-02-27", "2025-02-28", "2025-03-04").withCloses(1.0, 1.0, 1.0);
        assertThat(ForwardReturns.of(STOCK, shortIndex, LocalDate.parse("2025-02-28"), 1)).isPresent();
        assertThat(ForwardReturns.of(STOCK, shortIndex, LocalDate.parse("2025-02-28"), 2)).isEmpty();
    }

    @Test
    void measuresTheBenchmarkOnOrBeforeTheStocksDatesWhenCalendarsDiffer() {
        Series index = series("2025-02-27", "2025-03-04", "2025-03-06").withCloses(1000.0, 900.0, 1200.0);
        Outcome outcome = ForwardReturns.of(STOCK, index, LocalDate.parse("2025-02-28"), 2).orElseThrow();

        // entry 02-28 -> index 02-27 (1000); exit 03-05 -> index 03-04 (900)
        assertThat(outcome.benchmarkReturn()).isCloseTo(-0.1, within(1e-12));
    }

    @Test
    void picksTheBenchmarkByMarket() {
        assertThat(OutcomeJob.benchmarkOf("005930.KS")).isEqualTo("^KS11");
        assertThat(OutcomeJob.benchmarkOf("035720.KQ")).isEqualTo("^KS11");
        assertThat(OutcomeJob.benchmarkOf("AAPL")).isEqualTo("^GSPC");
        assertThat(OutcomeJob.benchmarkOf("BRK-B")).isEqualTo("^GSPC");
    }

    private static Dates series(String... dates) {
        return new Dates(Arrays.stream(dates).map(LocalDate::parse).toList());
    }

    private record Dates(List<LocalDate> dates) {
        Series withCloses(Double... closes) {
            return new Series("X", "KRW", dates, List.of(closes));
        }
    }
}
