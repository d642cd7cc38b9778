package io.stockradar.marketdata.provider;

import io.stockradar.common.problem.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/**
 * A live data source cannot answer now (rate limited, unreachable, circuit open, misconfigured): 503
 * problem+json with {@code Retry-After}. The cache answers it with the last good value, marked stale,
 * where it has one.
 */
public class UpstreamUnavailableException extends ApiProblem {

    public static final String CODE = "UPSTREAM_UNAVAILABLE";

    private final String source;
    private final Duration retryAfter;

    public UpstreamUnavailableException(String source, String detail, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, CODE, detail);
        this.source = source;
        this.retryAfter = retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter;
        // Whole seconds, rounded up (RFC 9110 delay-seconds).
        long seconds = (this.retryAfter.toMillis() + 999) / 1000;
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    public String source() {
        return source;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
