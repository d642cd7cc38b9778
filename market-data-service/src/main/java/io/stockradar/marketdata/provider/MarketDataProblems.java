package io.stockradar.marketdata.provider;

import io.stockradar.common.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The market-data specific problem codes. */
public final class MarketDataProblems {

    public static final String UNKNOWN_SYMBOL = "UNKNOWN_SYMBOL";
    public static final String NO_DATA = "NO_DATA";
    public static final String UNKNOWN_UNIVERSE = "UNKNOWN_UNIVERSE";
    public static final String UPSTREAM_REJECTED = "UPSTREAM_REJECTED";

    private MarketDataProblems() {
    }

    public static ApiProblem unknownSymbol(String symbol) {
        return new ApiProblem(HttpStatus.NOT_FOUND, UNKNOWN_SYMBOL, "Unknown symbol '" + symbol + "'");
    }

    public static ApiProblem noData(String symbol, String source) {
        return new ApiProblem(HttpStatus.NOT_FOUND, NO_DATA,
                "'" + symbol + "' is known but the " + source + " data has no price series for it");
    }

    public static ApiProblem unknownUniverse(String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, UNKNOWN_UNIVERSE,
                "Unknown universe '" + id + "'; known: KOSPI200, KOSDAQ150, SP500");
    }

    /** The live source refused the request as malformed (HTTP 400 upstream): 502 with its own words. */
    public static ApiProblem upstreamRejected(String source, String upstreamDetail) {
        return new ApiProblem(HttpStatus.BAD_GATEWAY, UPSTREAM_REJECTED,
                "The " + source + " data source rejected the request: " + upstreamDetail);
    }
}
