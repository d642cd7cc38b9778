package io.stockradar.agent.marketdata;

import io.stockradar.agent.marketdata.MarketDataApi.BarsRequest;
import io.stockradar.agent.marketdata.MarketDataApi.BarsResponse;
import io.stockradar.agent.marketdata.MarketDataApi.FundamentalsItem;
import io.stockradar.agent.marketdata.MarketDataApi.FundamentalsRequest;
import io.stockradar.agent.marketdata.MarketDataApi.FundamentalsResponse;
import io.stockradar.agent.marketdata.MarketDataApi.Series;
import io.stockradar.agent.marketdata.MarketDataApi.UniverseResponse;
import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * market-data-service's internal API. Every call here is a read (the POSTs carry a symbol list, not a
 * change), so a connection failure, a read timeout or a 5xx is retried, with exponential backoff and jitter,
 * until {@code stockradar.market-data.fetch-deadline}: the load balancer hands each attempt to the next
 * instance, and a fetch that market-data answers late (issue 16: a CPU-starved instance outlived the read
 * timeout) costs a retry instead of the user's run. A 4xx is never retried, except a 401: market-data-service
 * refused the service token, which the token interceptor then evicted, so the call is repeated once with a new
 * token. A fetch that still fails at the deadline, or is refused, is a 503 problem naming the fetch.
 */
@Component
class MarketDataClient {

    /** market-data-service accepts at most this many symbols per call. */
    static final int MAX_SYMBOLS_PER_CALL = 1000;

    /** First pause between attempts; it doubles up to {@link #MAX_BACKOFF}, each pause ± {@link #JITTER}. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    static final Duration JITTER = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);

    private final RestClient restClient;
    private final Duration fetchDeadline;
    private final RetryTemplate retryTemplate;

    MarketDataClient(@Qualifier("marketDataRestClientBuilder") RestClient.Builder builder,
                     MarketDataProperties properties) {
        this.restClient = builder.build();
        this.fetchDeadline = properties.fetchDeadline();
        // Spring Framework 7's own RetryTemplate (spring-core, already here): backoff with jitter and an overall
        // timeout, without adding spring-retry or Resilience4j for one client.
        this.retryTemplate = new RetryTemplate(RetryPolicy.builder()
                .predicate(MarketDataClient::isTransient)
                .maxRetries(Integer.MAX_VALUE) // the deadline bounds the attempts, not a count
                .timeout(fetchDeadline)
                .delay(INITIAL_BACKOFF)
                .multiplier(2)
                .maxDelay(MAX_BACKOFF)
                .jitter(JITTER)
                .build());
    }

    /** A universe's members, or {@code null} if market-data-service does not know the id. */
    UniverseResponse universe(String id) {
        return withRetry("universe " + id + " (GET /internal/universes/" + id + ")", () -> {
            try {
                return restClient.get().uri("/internal/universes/{id}", id)
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .body(UniverseResponse.class);
            } catch (HttpClientErrorException.NotFound e) {
                return null;
            }
        });
    }

    /** Trailing daily bars of the symbols, in calls of at most {@value #MAX_SYMBOLS_PER_CALL} symbols. */
    BarsResponse bars(List<String> symbols, int days) {
        String source = null;
        Map<String, LocalDate> asOf = new HashMap<>();
        Map<String, Series> series = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (List<String> chunk : chunks(symbols)) {
            BarsResponse response = withRetry("bars of " + chunk.size() + " symbols (POST /internal/bars)", () -> restClient.post()
                    .uri("/internal/bars")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(new BarsRequest(chunk, days))
                    .retrieve()
                    .body(BarsResponse.class));
            if (response == null) {
                throw ApiProblem.unavailable("market data returned no bars");
            }
            source = source == null ? response.source() : source;
            if (response.asOf() != null) {
                asOf.putAll(response.asOf());
            }
            if (response.series() != null) {
                series.putAll(response.series());
            }
            if (response.missing() != null) {
                missing.addAll(response.missing());
            }
        }
        return new BarsResponse(source, asOf, series, List.copyOf(missing));
    }

    /**
     * Fundamentals of the symbols as known on {@code asOf} (the analysis date; null = market-data's latest);
     * unknown ones are listed in {@code missing}.
     */
    FundamentalsResponse fundamentals(List<String> symbols, LocalDate asOf) {
        String source = null;
        Map<String, FundamentalsItem> items = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (List<String> chunk : chunks(symbols)) {
            FundamentalsResponse response = withRetry("fundamentals of " + chunk.size() + " symbols (POST /internal/fundamentals)", () -> restClient.post()
                    .uri("/internal/fundamentals")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(new FundamentalsRequest(chunk, asOf))
                    .retrieve()
                    .body(FundamentalsResponse.class));
            if (response == null) {
                continue;
            }
            source = source == null ? response.source() : source;
            if (response.items() != null) {
                items.putAll(response.items());
            }
            if (response.missing() != null) {
                missing.addAll(response.missing());
            }
        }
        return new FundamentalsResponse(source, items, List.copyOf(missing));
    }

    private <T> T withRetry(String what, Supplier<T> call) {
        long started = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retryTemplate.execute(() -> {
                int attempt = attempts.incrementAndGet();
                try {
                    return withFreshTokenOnce(what, call);
                } catch (RuntimeException e) {
                    if (isTransient(e)) {
                        log.warn("market-data {} failed (attempt {}, {} ms into its {} deadline): {}", what, attempt,
                                (System.nanoTime() - started) / 1_000_000, fetchDeadline, e.getMessage());
                    }
                    throw e;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getCause();
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            String detail = isTransient(last)
                    ? "Market data fetch failed: " + what + " still failing after " + attempts.get() + " attempt(s) in "
                    + elapsed + " ms (deadline " + fetchDeadline + "): " + describeAll(e.getExceptions())
                    : "Market data fetch refused: " + what + ": " + describe(last) + " (not retried)";
            log.error("{}", detail, last);
            throw ApiProblem.unavailable(detail);
        }
    }

    /**
     * One attempt. A 401 means market-data-service refused the service token (expired early, signing key rotated,
     * auth-service restarted): the interceptor evicted it, so the call is repeated once with a fresh token.
     */
    private static <T> T withFreshTokenOnce(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpClientErrorException.Unauthorized e) {
            log.info("market-data {} refused the service token; retrying once with a new token", what);
            return call.get();
        }
    }

    /**
     * Worth another attempt: no connection or no answer in time (timeouts, resets), a 5xx, no service token
     * (auth-service unreachable), or no instance at all from the load balancer. Never a 4xx: the same request
     * would be refused again (a 403 is configuration: a token without scope market:read).
     */
    static boolean isTransient(Throwable e) {
        return e instanceof ResourceAccessException || e instanceof HttpServerErrorException
                || e instanceof OAuth2AuthorizationException || e instanceof IllegalStateException;
    }

    /** Each distinct failure once, with how often it happened: "503 Service Unavailable x3, ConnectException x4". */
    private static String describeAll(List<Throwable> failures) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        failures.forEach(failure -> counts.merge(describe(failure), 1, Integer::sum));
        return String.join(", ", counts.entrySet().stream()
                .map(entry -> entry.getKey() + (entry.getValue() > 1 ? " x" + entry.getValue() : "")).toList());
    }

    private static String describe(Throwable e) {
        if (e instanceof HttpStatusCodeException status) {
            return status.getStatusCode().value() + " " + status.getStatusText();
        }
        // "I/O error on POST request for ...": the cause says what happened (refused, timed out, reset)
        Throwable cause = e instanceof ResourceAccessException && e.getCause() != null ? e.getCause() : e;
        if (cause == null) {
            return "unknown error";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static List<List<String>> chunks(List<String> symbols) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < symbols.size(); from += MAX_SYMBOLS_PER_CALL) {
            chunks.add(List.copyOf(symbols.subList(from, Math.min(symbols.size(), from + MAX_SYMBOLS_PER_CALL))));
        }
        return chunks;
    }
}
