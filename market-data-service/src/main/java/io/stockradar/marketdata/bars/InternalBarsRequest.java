package io.stockradar.marketdata.bars;

import io.stockradar.marketdata.provider.Symbols;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /internal/bars}: {@code days} = trailing trading days (default 400, at most 1000). */
record InternalBarsRequest(
        @NotEmpty @Size(max = Symbols.MAX_BATCH)
        List<@NotNull @Pattern(regexp = Symbols.REGEX, message = Symbols.SYNTAX_MESSAGE) String> symbols,
        @Min(1) @Max(1000) Integer days) {

    static final int DEFAULT_DAYS = 400;

    int daysOrDefault() {
        return days == null ? DEFAULT_DAYS : days;
    }
}
