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
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * market-data-service's internal API. Every call here is a read (the POSTs carry a symbol list, not a
 * change), so a connection failure or a 5xx is retried; the load balancer hands each attempt to the next
 * instance. A 4xx is never retried, except a 401: market-data-service refused the service token, which the
 * token interceptor then evicted, so the call is repeated once with a new token. When all attempts fail the
 * caller gets 503 problem+json.
 */
@Component
class MarketDataClient {

    /** market-data-service accepts at most this many symbols per call. */
    static final int MAX_SYMBOLS_PER_CALL = 1000;

    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);

    private final RestClient restClient;
    private final int maxAttempts;

    MarketDataClient(@Qualifier("marketDataRestClientBuilder") RestClient.Builder builder,
                     MarketDataProperties properties) {
        this.restClient = builder.build();
        this.maxAttempts = properties.maxAttempts();
    }

    /** A universe's members, or {@code null} if market-data-service does not know the id. */
    UniverseResponse universe(String id) {
        return withRetry("universe " + id, () -> {
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
            BarsResponse response = withRetry("bars of " + chunk.size() + " symbols", () -> restClient.post()
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

    /** Latest fundamentals of the symbols; unknown ones are listed in {@code missing}. */
    FundamentalsResponse fundamentals(List<String> symbols) {
        String source = null;
        Map<String, FundamentalsItem> items = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (List<String> chunk : chunks(symbols)) {
            FundamentalsResponse response = withRetry("fundamentals of " + chunk.size() + " symbols", () -> restClient.post()
                    .uri("/internal/fundamentals")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(new FundamentalsRequest(chunk))
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
        RuntimeException last = null;
        boolean tokenRefreshed = false;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return call.get();
            } catch (HttpClientErrorException.Unauthorized e) {
                // the service token was refused (expired early, signing key rotated, auth-service restarted):
                // the interceptor evicted it, so one more call goes out with a freshly fetched token
                last = e;
                if (tokenRefreshed) {
                    break;
                }
                tokenRefreshed = true;
                attempt--;
                log.info("market-data {} refused the service token; retrying once with a new token", what);
            } catch (HttpClientErrorException.Forbidden e) {
                // a token without scope market:read: configuration (auth-service's client scopes), not transient
                last = e;
                break;
            } catch (OAuth2AuthorizationException e) {
                // no token: auth-service unreachable, or it refused this client's credentials
                last = e;
                log.warn("market-data {}: no service token (attempt {}/{}): {}", what, attempt, maxAttempts, e.getMessage());
            } catch (ResourceAccessException | HttpServerErrorException e) {
                last = e;
                log.warn("market-data {} failed (attempt {}/{}): {}", what, attempt, maxAttempts, e.getMessage());
            } catch (IllegalStateException e) {
                // the load balancer found no instance at all
                last = e;
                log.warn("market-data {} failed (attempt {}/{}): {}", what, attempt, maxAttempts, e.getMessage());
            }
        }
        log.error("market-data {} failed after {} attempt(s)", what, maxAttempts, last);
        throw ApiProblem.unavailable("Market data is unavailable right now; try again shortly");
    }

    private static List<List<String>> chunks(List<String> symbols) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < symbols.size(); from += MAX_SYMBOLS_PER_CALL) {
            chunks.add(List.copyOf(symbols.subList(from, Math.min(symbols.size(), from + MAX_SYMBOLS_PER_CALL))));
        }
        return chunks;
    }
}
