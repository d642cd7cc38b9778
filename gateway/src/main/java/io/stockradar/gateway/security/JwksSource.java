package io.stockradar.gateway.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * auth-service's signing keys for the edge decoder: fetched once, then again only for a token whose key is not
 * among them (a rotation), and then at most once per {@code minRefresh}. Spring Security's own reactive JWKS
 * source refetches for every unknown {@code kid}, so a stream of tokens with random key ids made the gateway
 * fetch the JWKS for each (issue 20). A token whose key is unknown between two fetches gets no keys: 401, as for
 * any bad signature. A failed fetch fails the request (503, {@link EdgeJwtDecoder}) and does not count as a fetch.
 */
final class JwksSource implements Function<SignedJWT, Flux<JWK>> {

    private record Snapshot(JWKSet keys, long fetchedAtMillis) {
    }

    private final Mono<JWKSet> fetch;
    private final Duration minRefresh;
    private final Clock clock;
    private volatile Snapshot current;
    private volatile Mono<JWKSet> inFlight;

    JwksSource(WebClient webClient, URI jwkSetUri, Duration minRefresh, Clock clock) {
        this.fetch = webClient.get().uri(jwkSetUri).retrieve().bodyToMono(String.class).map(JwksSource::parse);
        this.minRefresh = minRefresh;
        this.clock = clock;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        Snapshot known = current;
        if (known != null) {
            List<JWK> keys = selector.select(known.keys());
            if (!keys.isEmpty() || clock.millis() - known.fetchedAtMillis() < minRefresh.toMillis()) {
                return Flux.fromIterable(keys);
            }
        }
        return refreshed().flatMapIterable(selector::select);
    }

    /** One fetch at a time: concurrent requests with an unknown key share it. */
    private Mono<JWKSet> refreshed() {
        Mono<JWKSet> running = inFlight;
        if (running != null) {
            return running;
        }
        synchronized (this) {
            if (inFlight == null) {
                inFlight = fetch
                        .doOnNext(keys -> current = new Snapshot(keys, clock.millis()))
                        .doFinally(signal -> inFlight = null)
                        .cache();
            }
            return inFlight;
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("auth-service's JWKS could not be read", e);
        }
    }
}
