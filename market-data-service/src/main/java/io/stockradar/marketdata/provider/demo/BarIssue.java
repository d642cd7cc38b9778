package io.stockradar.marketdata.provider.demo;

/** Why a bar of the dataset was flagged at load time. Only {@link #OHLC_ROUNDING} bars are kept. */
enum BarIssue {
    /** open = high = low = 0 and volume 0: KRX halted the stock; pykrx repeats the previous close. Skipped. */
    HALTED(false),
    /** A price that is zero, negative or not a number, or a negative volume. Skipped. */
    NON_POSITIVE(false),
    /** High below open/close/low or low above open/close by more than {@link SeriesBuilder#OHLC_TOLERANCE}. Skipped. */
    INCONSISTENT_OHLC(false),
    /** KR stock whose close moved more than ±30 % from the previous accepted close: outside the KRX limit. Skipped. */
    PRICE_LIMIT(false),
    /** High/low off by a rounding step (within the tolerance), e.g. pykrx's adjusted close = high + 1 KRW. Kept as is. */
    OHLC_ROUNDING(true);

    private final boolean kept;

    BarIssue(boolean kept) {
        this.kept = kept;
    }

    boolean kept() {
        return kept;
    }
}
