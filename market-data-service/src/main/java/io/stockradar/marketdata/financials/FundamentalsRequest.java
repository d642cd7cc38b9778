package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.Symbols;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /internal/fundamentals}. */
record FundamentalsRequest(
        @NotEmpty @Size(max = Symbols.MAX_BATCH)
        List<@NotNull @Pattern(regexp = Symbols.REGEX, message = Symbols.SYNTAX_MESSAGE) String> symbols) {
}
