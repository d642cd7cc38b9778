package io.stockradar.marketdata.bars;

import java.time.LocalDate;
import java.time.Period;

/** Yahoo's {@code range} values: how far back from the series' last date. */
enum BarRange {
    ONE_MONTH("1mo", Period.ofMonths(1)),
    THREE_MONTHS("3mo", Period.ofMonths(3)),
    SIX_MONTHS("6mo", Period.ofMonths(6)),
    ONE_YEAR("1y", Period.ofYears(1)),
    TWO_YEARS("2y", Period.ofYears(2)),
    FIVE_YEARS("5y", Period.ofYears(5)),
    MAX("max", null);

    static final String PATTERN = "1mo|3mo|6mo|1y|2y|5y|max";

    private final String value;
    private final Period period;

    BarRange(String value, Period period) {
        this.value = value;
        this.period = period;
    }

    String value() {
        return value;
    }

    /** The first date inside the range that ends at {@code last} (exclusive of the same day a period earlier). */
    LocalDate firstDate(LocalDate last) {
        return period == null ? LocalDate.MIN : last.minus(period).plusDays(1);
    }

    static BarRange of(String value) {
        for (BarRange range : values()) {
            if (range.value.equals(value)) {
                return range;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
