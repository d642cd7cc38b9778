package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.provider.DailySeries;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Bars of a daily series between two indices, daily or aggregated to weeks (Monday to Sunday): open of
 * the week's first bar, highest high, lowest low, close and adjClose of its last bar, summed volume,
 * dated by its first trading date. A week cut by the range start is aggregated from the days inside.
 */
final class WeeklyBars {

    private WeeklyBars() {
    }

    static List<Bar> daily(DailySeries s, int from, int to) {
        List<Bar> bars = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            bars.add(new Bar(s.date(i), s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.adjClose()[i],
                    s.volume()[i]));
        }
        return bars;
    }

    static List<Bar> weekly(DailySeries s, int from, int to) {
        List<Bar> bars = new ArrayList<>((to - from) / 5 + 1);
        int i = from;
        while (i < to) {
            long week = week(s.days()[i]);
            int first = i;
            double high = s.high()[i];
            double low = s.low()[i];
            long volume = 0;
            int last = i;
            while (i < to && week(s.days()[i]) == week) {
                high = Math.max(high, s.high()[i]);
                low = Math.min(low, s.low()[i]);
                volume += s.volume()[i];
                last = i;
                i++;
            }
            bars.add(new Bar(LocalDate.ofEpochDay(s.days()[first]), s.open()[first], high, low, s.close()[last],
                    s.adjClose()[last], volume));
        }
        return bars;
    }

    /** Monday-based week number of an epoch day (1970-01-01 was a Thursday). */
    static long week(int epochDay) {
        return Math.floorDiv(epochDay + 3L, 7L);
    }
}
