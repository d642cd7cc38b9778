package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.provider.DailySeries;
import io.stockradar.marketdata.provider.Market;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyBarsTest {

    private static int d(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }

    /** Samsung 005930.KS, 2025-06-02..2025-06-16, verbatim from the pykrx rows (06-03 and 06-06 were KRX holidays). */
    private static final DailySeries SAMSUNG = new DailySeries("005930.KS", Market.KR,
            new int[] {d("2025-06-02"), d("2025-06-04"), d("2025-06-05"), d("2025-06-09"), d("2025-06-10"),
                    d("2025-06-11"), d("2025-06-12"), d("2025-06-13"), d("2025-06-16")},
            new double[] {56300, 57200, 58100, 60400, 60000, 59500, 59700, 60200, 58000},
            new double[] {57300, 57900, 59900, 60400, 60100, 60100, 60000, 60200, 58100},
            new double[] {56200, 56800, 57900, 59500, 58800, 59400, 59300, 57700, 56900},
            new double[] {56800, 57800, 59100, 59800, 59200, 59900, 59500, 58300, 57200},
            new double[] {56800, 57800, 59100, 59800, 59200, 59900, 59500, 58300, 57200},
            new long[] {12870515, 19649983, 23266027, 19609659, 15305760, 13610734, 17755115, 20705979, 22200872});

    @Test
    void aggregatesDailyBarsToMondayWeeksDatedByTheirFirstTradingDay() {
        List<Bar> weeks = WeeklyBars.weekly(SAMSUNG, 0, SAMSUNG.size());
        assertThat(weeks).containsExactly(
                // Mon 06-02, Wed 06-04, Thu 06-05: open of Mon, max high, min low, close of Thu, summed volume
                new Bar(LocalDate.of(2025, 6, 2), 56300, 59900, 56200, 59100, 59100, 55_786_525),
                // Mon 06-09 .. Fri 06-13
                new Bar(LocalDate.of(2025, 6, 9), 60400, 60400, 57700, 58300, 58300, 86_987_247),
                // Mon 06-16 alone
                new Bar(LocalDate.of(2025, 6, 16), 58000, 58100, 56900, 57200, 57200, 22_200_872));
    }

    @Test
    void aWeekCutByTheRangeStartUsesOnlyTheDaysInside() {
        List<Bar> weeks = WeeklyBars.weekly(SAMSUNG, 2, 4);
        assertThat(weeks).containsExactly(
                new Bar(LocalDate.of(2025, 6, 5), 58100, 59900, 57900, 59100, 59100, 23_266_027),
                new Bar(LocalDate.of(2025, 6, 9), 60400, 60400, 59500, 59800, 59800, 19_609_659));
    }

    @Test
    void rangeCountsBackFromTheLastBar() {
        List<Bar> bars = BarsService.bars(SAMSUNG, BarRange.ONE_MONTH, BarInterval.DAILY);
        assertThat(bars).hasSize(9);
        assertThat(BarRange.ONE_MONTH.firstDate(LocalDate.of(2025, 6, 16))).isEqualTo(LocalDate.of(2025, 5, 17));
        assertThat(BarRange.MAX.firstDate(LocalDate.of(2025, 6, 16))).isEqualTo(LocalDate.MIN);
    }

    @Test
    void weeksAreMondayBased() {
        assertThat(WeeklyBars.week(d("2025-06-09"))).isEqualTo(WeeklyBars.week(d("2025-06-15")));
        assertThat(WeeklyBars.week(d("2025-06-15"))).isNotEqualTo(WeeklyBars.week(d("2025-06-16")));
    }
}
