package io.stockradar.marketdata.bars;

import java.time.LocalDate;

/** One bar of the public API; for weekly bars {@code date} is the week's first trading date. */
record Bar(LocalDate date, double open, double high, double low, double close, double adjClose, long volume) {
}
