package io.stockradar.marketdata.provider;

import java.time.LocalDate;

/** Listed shares of a company as published on {@code date} (KR: the KIS stock master of that day). */
public record SharesOutstanding(LocalDate date, long shares) {
}
