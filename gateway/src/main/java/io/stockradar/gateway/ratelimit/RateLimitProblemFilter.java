package io.stockradar.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.error.ProblemWriter;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Spring Cloud Gateway's {@code RequestRateLimiter} answers a request over its limit with a bare 429 (headers
 * {@code X-RateLimit-Remaining}, {@code -Replenish-Rate}, {@code -Burst-Capacity}, {@code -Requested-Tokens},
 * no body). This filter, first on every route, turns that answer into problem+json ({@code TOO_MANY_REQUESTS})
 * with {@code Retry-After}: the seconds until the bucket holds the tokens of one request again
 * ({@code requested-tokens / replenish-rate}, rounded up). Responses relayed from a service are written, never
 * merely completed, so they are left alone.
 *
 * <p>It also watches the limiter's fail-open answer ({@code X-RateLimit-Remaining: -1}, given when Redis cannot
 * be reached: the request passes unlimited) and counts it, with a WARN at most every 10 s, since the library
 * logs nothing useful then (its own per-request stack traces are silenced in application.yml).
 */
class RateLimitProblemFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitProblemFilter.class);
    private static final long WARN_INTERVAL_MILLIS = 10_000;

    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final AtomicLong nextWarningAt = new AtomicLong();

    RateLimitProblemFilter(ProblemWriter problems, MeterRegistry meters) {
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // outside every route filter, the rate limiter included
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            if ("-1".equals(response.getHeaders().getFirst(RedisRateLimiter.REMAINING_HEADER))) {
                unlimited(exchange);
            }
            return Mono.empty();
        });
        ServerHttpResponseDecorator decorated = new ServerHttpResponseDecorator(response) {

            private volatile boolean written;

            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                written = true;
                return super.writeWith(body);
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                written = true;
                return super.writeAndFlushWith(body);
            }

            @Override
            public Mono<Void> setComplete() {
                if (!written && HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode())
                        && getHeaders().containsHeader(RedisRateLimiter.REPLENISH_RATE_HEADER)) {
                    written = true;
                    return limited(exchange);
                }
                return super.setComplete();
            }
        };
        return chain.filter(exchange.mutate().response(decorated).build());
    }

    private Mono<Void> limited(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        long retryAfter = retryAfterSeconds(headers.getFirst(RedisRateLimiter.REQUESTED_TOKENS_HEADER),
                headers.getFirst(RedisRateLimiter.REPLENISH_RATE_HEADER));
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        meters.counter("stockradar.gateway.rate.limited", "route", routeId(exchange)).increment();
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS,
                "Too many requests; try again in " + retryAfter + " second(s)");
    }

    /** Seconds until one request's tokens are back: requested / rate, rounded up, at least 1. */
    static long retryAfterSeconds(String requestedTokens, String replenishRate) {
        try {
            double requested = requestedTokens == null ? 1 : Double.parseDouble(requestedTokens);
            double rate = Double.parseDouble(replenishRate);
            if (rate > 0) {
                return Math.max(1, (long) Math.ceil(requested / rate));
            }
        } catch (NumberFormatException | NullPointerException e) {
            // fall through: a safe default
        }
        return 1;
    }

    private void unlimited(ServerWebExchange exchange) {
        meters.counter("stockradar.gateway.rate.limit.unavailable", "route", routeId(exchange)).increment();
        long now = System.currentTimeMillis();
        long next = nextWarningAt.get();
        if (now >= next && nextWarningAt.compareAndSet(next, now + WARN_INTERVAL_MILLIS)) {
            log.warn("Rate limits not enforced: Redis unavailable, requests pass unlimited (fail open) until it is back "
                    + "(counted as stockradar_gateway_rate_limit_unavailable_total)");
        }
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "unknown" : route.getId();
    }
}
