package io.stockradar.marketdata.bars;

enum BarInterval {
    DAILY("1d"),
    WEEKLY("1wk");

    static final String PATTERN = "1d|1wk";

    private final String value;

    BarInterval(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static BarInterval of(String value) {
        for (BarInterval interval : values()) {
            if (interval.value.equals(value)) {
                return interval;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
