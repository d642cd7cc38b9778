package io.stockradar.marketdata.financials;

import io.stockradar.marketdata.provider.Symbols;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code POST /internal/fundamentals}.
 *
 * @param asOf the analysis date: no figure public after it is used (demo dataset); null = each market's
 *             latest trading day, and a later date is capped to it
 */
record FundamentalsRequest(
        @NotEmpty @Size(max = Symbols.MAX_BATCH)
        List<@NotNull @Pattern(regexp = Symbols.REGEX, message = Symbols.SYNTAX_MESSAGE) String> symbols,
        LocalDate asOf) {
}
