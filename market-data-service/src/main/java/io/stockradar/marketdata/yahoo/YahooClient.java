package io.stockradar.marketdata.yahoo;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.stockradar.marketdata.provider.MarketDataProblems;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.Backoff;
import io.stockradar.marketdata.upstream.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Yahoo Finance: chart, batched quotes and search, with the cookie + crumb session the quote endpoint
 * needs. Every public call:
 * <ol>
 * <li>runs inside a circuit breaker (open: fail fast with 503, so the cache serves the last good value);</li>
 * <li>gets one of {@code maxConcurrent} permits per upstream request, waiting at most until its deadline;</li>
 * <li>retries 429, 5xx and I/O errors with exponential backoff and jitter while the deadline allows, then
 * gives up with 503 + {@code Retry-After};</li>
 * <li>on 401 "Invalid Crumb"/"Invalid Cookie" renews the session once.</li>
 * </ol>
 * 404 "No data found" is an empty result, 400 a {@code UPSTREAM_REJECTED} problem: neither counts against
 * the breaker.
 */
class YahooClient {

    static final String SOURCE = "yahoo";
    private static final Logger log = LoggerFactory.getLogger(YahooClient.class);
    private static final Duration SESSION_RETRY_AFTER = Duration.ofSeconds(30);

    private final YahooApi api;
    private final JsonMapper json;
    private final YahooProperties properties;
    private final Backoff backoff;
    private final CircuitBreaker breaker;
    private final Semaphore permits;
    private final Clock clock;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final ReentrantLock handshakeLock = new ReentrantLock();
    private final AtomicInteger handshakes = new AtomicInteger();

    YahooClient(YahooApi api, JsonMapper json, YahooProperties properties, CircuitBreaker breaker, Clock clock) {
        this.api = api;
        this.json = json;
        this.properties = properties;
        YahooProperties.Retry retry = properties.retry();
        this.backoff = new Backoff(retry.initial(), retry.max(), retry.multiplier(), retry.jitter(), retry.maxAttempts());
        this.breaker = breaker;
        this.permits = new Semaphore(properties.maxConcurrent(), true);
        this.clock = clock;
    }

    /**
     * Bars of {@code symbol} over {@code range} ({@code 1mo}..{@code 10y}, {@code max}) at {@code interval}
     * ({@code 1d}, {@code 1wk}); empty when Yahoo has no such symbol (404 "No data found, symbol may be delisted").
     * A known symbol without bars in the range gives a chart without bars.
     */
    Optional<YahooChart> chart(String symbol, String range, String interval) {
        return call("chart " + symbol, () -> {
            ResponseEntity<String> response = exchange(() -> api.chart(symbol, range, interval, "div|split", true));
            failIfTransient(response);
            JsonNode root = parse(response);
            JsonNode error = root.path("chart").path("error");
            int status = response.getStatusCode().value();
            if (status == 404 || "Not Found".equals(error.path("code").asString(null))) {
                log.debug("Yahoo has no chart for {}: {}", symbol, error.path("description").asString(""));
                return Optional.empty();
            }
            if (status >= 400 || error.isObject()) {
                throw MarketDataProblems.upstreamRejected(SOURCE, describe(error, status));
            }
            JsonNode result = root.path("chart").path("result").path(0);
            if (!result.isObject()) {
                return Optional.of(YahooChart.empty(symbol, interval));
            }
            return Optional.of(chartOf(symbol, interval, result));
        });
    }

    /**
     * Quotes of the symbols Yahoo knows, keyed by the requested spelling; an unknown symbol is silently left
     * out by Yahoo and so is absent here. One call per {@code quoteBatchSize} symbols.
     */
    Map<String, YahooQuote> quotes(Collection<String> symbols) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(symbols));
        Map<String, YahooQuote> result = new LinkedHashMap<>();
        for (int from = 0; from < unique.size(); from += properties.quoteBatchSize()) {
            List<String> batch = unique.subList(from, Math.min(unique.size(), from + properties.quoteBatchSize()));
            result.putAll(call("quote " + batch.size() + " symbols", () -> quoteBatch(batch)));
        }
        return result;
    }

    List<YahooSearchHit> search(String query, int limit) {
        return call("search", () -> {
            ResponseEntity<String> response = exchange(() -> api.search(query, limit, 0));
            failIfTransient(response);
            JsonNode root = parse(response);
            if (response.getStatusCode().isError()) {
                throw MarketDataProblems.upstreamRejected(SOURCE, describe(root.path("finance").path("error"),
                        response.getStatusCode().value()));
            }
            List<YahooSearchHit> hits = new ArrayList<>();
            for (JsonNode q : root.path("quotes")) {
                if (q.hasNonNull("symbol")) {
                    hits.add(new YahooSearchHit(q.path("symbol").asString(), text(q, "shortname"), text(q, "longname"),
                            text(q, "exchange"), text(q, "exchDisp"), text(q, "quoteType")));
                }
            }
            return hits;
        });
    }

    CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Cookie + crumb handshakes made so far. */
    int handshakes() {
        return handshakes.get();
    }

    boolean hasSession() {
        return session.get() != null;
    }

    private Map<String, YahooQuote> quoteBatch(List<String> batch) {
        String symbols = String.join(",", batch);
        for (int renewals = 0; ; renewals++) {
            Session current = session();
            ResponseEntity<String> response = exchange(() -> api.quote(symbols, current.crumb(), current.cookie()));
            if (response.getStatusCode().value() == 401) {
                String why = describe(parseLenient(response).path("finance").path("error"), 401);
                session.compareAndSet(current, null);
                if (renewals == 0) {
                    log.info("Yahoo refused the session ({}); renewing cookie and crumb once", why);
                    continue;
                }
                throw new UpstreamUnavailableException(SOURCE,
                        "Yahoo Finance refused a fresh cookie and crumb: " + why, SESSION_RETRY_AFTER);
            }
            failIfTransient(response);
            JsonNode root = parse(response);
            if (response.getStatusCode().isError()) {
                throw MarketDataProblems.upstreamRejected(SOURCE,
                        describe(root.path("quoteResponse").path("error"), response.getStatusCode().value()));
            }
            Map<String, String> requested = new LinkedHashMap<>();
            batch.forEach(s -> requested.put(s.toUpperCase(Locale.ROOT), s));
            Map<String, YahooQuote> quotes = new LinkedHashMap<>();
            for (JsonNode q : root.path("quoteResponse").path("result")) {
                String symbol = requested.get(q.path("symbol").asString("").toUpperCase(Locale.ROOT));
                if (symbol != null) {
                    quotes.put(symbol, new YahooQuote(symbol, text(q, "currency"), text(q, "exchangeTimezoneName"),
                            number(q, "regularMarketPrice"), number(q, "regularMarketPreviousClose"),
                            number(q, "regularMarketChange"), number(q, "regularMarketChangePercent"),
                            q.path("regularMarketVolume").isNumber() ? q.path("regularMarketVolume").asLong() : null,
                            q.path("regularMarketTime").isNumber()
                                    ? Instant.ofEpochSecond(q.path("regularMarketTime").asLong()) : null,
                            text(q, "marketState"), text(q, "shortName"), text(q, "longName")));
                }
            }
            return quotes;
        }
    }

    private Session session() {
        Session current = session.get();
        if (current != null) {
            return current;
        }
        handshakeLock.lock();
        try {
            current = session.get();
            if (current == null) {
                current = handshake();
                session.set(current);
            }
            return current;
        } finally {
            handshakeLock.unlock();
        }
    }

    /** fc.yahoo.com for the cookie (its status and body do not matter), then getcrumb with that cookie. */
    private Session handshake() {
        handshakes.incrementAndGet();
        URI cookieUrl = properties.cookieUrl();
        ResponseEntity<String> cookieResponse = exchange(() -> api.cookie(cookieUrl));
        String cookie = cookieResponse.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .map(header -> header.split(";", 2)[0].trim())
                .filter(pair -> pair.indexOf('=') > 0)
                .collect(Collectors.joining("; "));
        if (cookie.isEmpty()) {
            failIfTransient(cookieResponse);
            throw new UpstreamUnavailableException(SOURCE, "Yahoo Finance set no cookie (" + cookieUrl + " answered HTTP "
                    + cookieResponse.getStatusCode().value() + ")", SESSION_RETRY_AFTER);
        }
        ResponseEntity<String> crumbResponse = exchange(() -> api.crumb(cookie));
        String crumb = crumbResponse.getBody() == null ? "" : crumbResponse.getBody().trim();
        if (crumb.startsWith("Too Many Requests")) {
            throw new Retryable("Yahoo Finance rate-limited the crumb request", retryAfterOf(crumbResponse));
        }
        failIfTransient(crumbResponse);
        if (crumbResponse.getStatusCode().isError() || crumb.isEmpty() || crumb.contains("<") || crumb.contains(" ")) {
            throw new UpstreamUnavailableException(SOURCE, "Yahoo Finance gave no crumb (HTTP "
                    + crumbResponse.getStatusCode().value() + ")", SESSION_RETRY_AFTER);
        }
        log.info("Yahoo Finance session established (cookie {} chars, crumb {} chars)", cookie.length(), crumb.length());
        return new Session(cookie, crumb);
    }

    private <T> T call(String operation, Supplier<T> attempt) {
        Deadline deadline = Deadline.in(properties.deadline(), clock);
        try {
            return breaker.executeSupplier(() -> retrying(operation, deadline, attempt));
        } catch (CallNotPermittedException e) {
            throw new UpstreamUnavailableException(SOURCE,
                    "Yahoo Finance is failing; calls are paused for a moment (circuit open)",
                    properties.circuitBreaker().waitInOpen());
        }
    }

    private <T> T retrying(String operation, Deadline deadline, Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return withPermit(deadline, attempt);
            } catch (Retryable e) {
                Duration wait = backoff.delay(n);
                if (e.retryAfter != null && e.retryAfter.compareTo(wait) > 0) {
                    wait = e.retryAfter;
                }
                if (n >= backoff.maxAttempts() || !deadline.allows(wait)) {
                    log.warn("Yahoo {} failed after {} attempt(s): {}", operation, n, e.getMessage());
                    throw new UpstreamUnavailableException(SOURCE, e.getMessage() + "; gave up after " + n
                            + " attempt(s)", e.retryAfter != null ? e.retryAfter : wait);
                }
                log.debug("Yahoo {}: {}; retry {} in {}", operation, e.getMessage(), n, wait);
                if (!Backoff.sleep(wait)) {
                    throw new UpstreamUnavailableException(SOURCE, "Interrupted while backing off", wait);
                }
            }
        }
    }

    private <T> T withPermit(Deadline deadline, Supplier<T> attempt) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new Saturated(properties.maxConcurrent());
        }
        try {
            return attempt.get();
        } finally {
            permits.release();
        }
    }

    private static ResponseEntity<String> exchange(Supplier<ResponseEntity<String>> request) {
        try {
            return request.get();
        } catch (RestClientException e) {
            throw new Retryable("Yahoo Finance unreachable: " + e.getMessage(), null);
        }
    }

    private static void failIfTransient(ResponseEntity<String> response) {
        int status = response.getStatusCode().value();
        if (status == 429) {
            throw new Retryable("Yahoo Finance rate-limited us (HTTP 429)", retryAfterOf(response));
        }
        if (status >= 500 || (response.getBody() != null && response.getBody().contains("Will be right back"))) {
            throw new Retryable("Yahoo Finance failed (HTTP " + status + ")", null);
        }
    }

    private JsonNode parse(ResponseEntity<String> response) {
        String body = response.getBody();
        if (body == null || body.isBlank()) {
            throw new Retryable("Yahoo Finance sent an empty body (HTTP " + response.getStatusCode().value() + ")", null);
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new Retryable("Yahoo Finance sent no JSON (HTTP " + response.getStatusCode().value() + ")", null);
        }
    }

    private JsonNode parseLenient(ResponseEntity<String> response) {
        try {
            return response.getBody() == null ? json.missingNode() : json.readTree(response.getBody());
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }

    private static Duration retryAfterOf(ResponseEntity<String> response) {
        String value = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (value != null && value.trim().matches("\\d{1,5}")) {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        }
        return null;
    }

    private static String describe(JsonNode error, int status) {
        String description = error.path("description").asString(null);
        return description != null ? description : "HTTP " + status;
    }

    private static YahooChart chartOf(String symbol, String interval, JsonNode result) {
        JsonNode meta = result.path("meta");
        ZoneId zone = zoneOf(meta.path("exchangeTimezoneName").asString(null));
        JsonNode timestamps = result.path("timestamp");
        JsonNode quote = result.path("indicators").path("quote").path(0);
        JsonNode adjclose = result.path("indicators").path("adjclose").path(0).path("adjclose");
        List<YahooChart.Bar> bars = new ArrayList<>();
        for (int i = 0; i < timestamps.size(); i++) {
            JsonNode open = quote.path("open").path(i);
            JsonNode high = quote.path("high").path(i);
            JsonNode low = quote.path("low").path(i);
            JsonNode close = quote.path("close").path(i);
            if (!open.isNumber() || !high.isNumber() || !low.isNumber() || !close.isNumber()) {
                continue; // Yahoo's placeholder for a missing bar: null in every column
            }
            JsonNode adj = adjclose.path(i);
            JsonNode volume = quote.path("volume").path(i);
            bars.add(new YahooChart.Bar(dateOf(timestamps.path(i).asLong(), zone), open.asDouble(), high.asDouble(),
                    low.asDouble(), close.asDouble(), adj.isNumber() ? adj.asDouble() : close.asDouble(),
                    volume.isNumber() ? volume.asLong() : 0L));
        }
        List<YahooChart.Dividend> dividends = new ArrayList<>();
        result.path("events").path("dividends").forEachEntry((key, d) -> dividends.add(
                new YahooChart.Dividend(dateOf(d.path("date").asLong(), zone), d.path("amount").asDouble())));
        List<YahooChart.Split> splits = new ArrayList<>();
        result.path("events").path("splits").forEachEntry((key, s) -> splits.add(new YahooChart.Split(
                dateOf(s.path("date").asLong(), zone), s.path("numerator").asInt(), s.path("denominator").asInt())));
        dividends.sort((a, b) -> a.date().compareTo(b.date()));
        splits.sort((a, b) -> a.date().compareTo(b.date()));
        return new YahooChart(meta.path("symbol").asString(symbol), meta.path("currency").asString(null), zone,
                interval, bars, dividends, splits);
    }

    private static ZoneId zoneOf(String name) {
        if (name != null) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                log.warn("Unknown exchange time zone '{}'; dating bars in UTC", name);
            }
        }
        return ZoneOffset.UTC;
    }

    private static LocalDate dateOf(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone).toLocalDate();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    private record Session(String cookie, String crumb) {
    }

    /** A failure worth another try after a pause (429, 5xx, I/O, a garbled body). */
    static final class Retryable extends RuntimeException {

        final Duration retryAfter;

        Retryable(String message, Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    /** Every permit was taken until the deadline: local overload, not an upstream failure (the breaker ignores it). */
    static final class Saturated extends UpstreamUnavailableException {

        Saturated(int permits) {
            super(SOURCE, "All " + permits + " Yahoo Finance connections stayed busy until the request's deadline",
                    Duration.ofSeconds(1));
        }
    }
}
