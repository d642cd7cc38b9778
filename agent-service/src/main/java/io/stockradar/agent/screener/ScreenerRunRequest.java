package io.stockradar.agent.screener;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code POST /api/screener/runs}: either a {@code universe} or a list of {@code symbols}, optional
 * filters, a sort key and a limit, or a {@code preset} id whose filters, sort and limit are the defaults
 * (fields given explicitly win). {@code asOf} (an ISO date, optional) screens as of that trading day (issue 18). Validated by {@link ScreenerRunRequestValidator}, which reports every bad
 * field at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScreenerRunRequest(String universe, List<String> symbols, Filters filters, String sort, Integer limit,
                          String preset, String asOf) {

    ScreenerRunRequest(String universe, List<String> symbols, Filters filters, String sort, Integer limit) {
        this(universe, symbols, filters, sort, limit, null, null);
    }

    ScreenerRunRequest(String universe, List<String> symbols, Filters filters, String sort, Integer limit,
                       String preset) {
        this(universe, symbols, filters, sort, limit, preset, null);
    }

    /** The analysis date (issue 18), {@code null} for the latest data; validated as an ISO date. */
    java.time.LocalDate asOfDate() {
        return asOf == null ? null : java.time.LocalDate.parse(asOf);
    }

    /**
     * @param minMarketCap in the stock's market currency (KRW, USD)
     * @param minLiquidity minimum 20-day average traded value (close × volume), in the market currency
     * @param sectors      keep only these sectors (as the universe names them)
     * @param minScore     minimum composite, 0-100
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filters(Double minMarketCap, Double minLiquidity, List<String> sectors, Double minScore) {
    }
}
