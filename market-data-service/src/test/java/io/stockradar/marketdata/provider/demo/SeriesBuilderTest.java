package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesBuilderTest {

    private final Map<BarIssue, Integer> flagged = new EnumMap<>(BarIssue.class);

    private static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    private DailySeries build(SeriesBuilder builder, boolean priceLimit) {
        return builder.build(Market.KR, priceLimit, (issue, d) -> flagged.merge(issue, 1, Integer::sum));
    }

    @Test
    void dropsABarOutsideTheKrPriceLimitAndMeasuresTheNextAgainstTheLastAcceptedClose() {
        SeriesBuilder b = new SeriesBuilder("TEST.KS");
        b.add(day("2025-01-02"), 100, 105, 99, 100, 10);
        b.add(day("2025-01-03"), 100, 140, 100, 135, 10); // +35 %: impossible on KRX
        b.add(day("2025-01-06"), 120, 130, 119, 130, 10); // +30 % against 100: allowed
        DailySeries s = build(b, true);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.close()).containsExactly(100, 130);
        assertThat(flagged).containsEntry(BarIssue.PRICE_LIMIT, 1);
    }

    @Test
    void appliesNoPriceLimitWhereNoneExists() {
        SeriesBuilder b = new SeriesBuilder("^KS11");
        b.add(day("2025-01-02"), 100, 105, 99, 100, 10);
        b.add(day("2025-01-03"), 100, 140, 100, 135, 10);
        assertThat(build(b, false).size()).isEqualTo(2);
    }

    @Test
    void skipsHaltedZeroAndInconsistentBars() {
        SeriesBuilder b = new SeriesBuilder("TEST.KS");
        b.add(day("2025-01-02"), 100, 105, 99, 100, 10);
        b.add(day("2025-01-03"), 0, 0, 0, 100, 0);          // halted
        b.add(day("2025-01-06"), 100, 105, 0, 100, 10);     // zero low
        b.add(day("2025-01-07"), 100, 95, 90, 104, 10);     // high far below close
        b.add(day("2025-01-08"), 100, 104, 99, 104.05, 10); // close above high by a rounding step: kept
        DailySeries s = build(b, true);
        assertThat(s.close()).containsExactly(100, 104.05);
        assertThat(flagged).containsEntry(BarIssue.HALTED, 1).containsEntry(BarIssue.NON_POSITIVE, 1)
                .containsEntry(BarIssue.INCONSISTENT_OHLC, 1).containsEntry(BarIssue.OHLC_ROUNDING, 1);
        assertThat(s.adjClose()).isSameAs(s.close());
    }

    @Test
    void refusesRowsOutOfDateOrder() {
        SeriesBuilder b = new SeriesBuilder("TEST.KS");
        b.add(day("2025-01-03"), 100, 105, 99, 100, 10);
        assertThatThrownBy(() -> b.add(day("2025-01-02"), 100, 105, 99, 100, 10))
                .hasMessageContaining("ascending");
    }
}
