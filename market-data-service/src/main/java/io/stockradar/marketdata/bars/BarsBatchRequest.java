package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.provider.Symbols;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /api/market/bars}; range defaults to 1y, interval to 1d. */
record BarsBatchRequest(
        @NotEmpty @Size(max = Symbols.MAX_BATCH)
        List<@NotNull @Pattern(regexp = Symbols.REGEX, message = Symbols.SYNTAX_MESSAGE) String> symbols,
        @Pattern(regexp = BarRange.PATTERN, message = "must be one of 1mo, 3mo, 6mo, 1y, 2y, 5y, max") String range,
        @Pattern(regexp = BarInterval.PATTERN, message = "must be 1d or 1wk") String interval) {
}
