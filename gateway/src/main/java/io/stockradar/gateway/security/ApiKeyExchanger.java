package io.stockradar.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns an API key into an access token at auth-service ({@code POST /internal/api-keys/exchange}, with the
 * gateway's service token), and remembers the answer per key for a short while, keyed by the key's SHA-256
 * (the key itself is not kept). Concurrent requests with the same uncached key share one exchange; failures
 * are not cached.
 */
class ApiKeyExchanger {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyExchanger.class);

    static final String INVALID_API_KEY = "INVALID_API_KEY";

    /** What a key is worth: a bearer token, the key's scope, and when the token expires. */
    record ExchangedKey(String accessToken, boolean readOnly, Instant expiresAt) {

        @Override
        public String toString() {
            return "ExchangedKey[readOnly=" + readOnly + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final WebClient authService;
    private final ServiceTokenClient serviceTokens;
    private final ApiKeyProperties properties;
    private final Clock clock;
    private final Cache<String, ExchangedKey> cache;
    /** Exchanges under way, shared by concurrent requests with the same key. */
    private final ConcurrentMap<String, Mono<ExchangedKey>> inFlight = new ConcurrentHashMap<>();

    ApiKeyExchanger(WebClient authService, ServiceTokenClient serviceTokens, ApiKeyProperties properties, Clock clock) {
        this.authService = authService;
        this.serviceTokens = serviceTokens;
        this.properties = properties;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfter(Expiry.<String, ExchangedKey>creating((hash, exchanged) -> cacheLifetime(exchanged)))
                .build();
    }

    /**
     * The key's token, from the cache or from auth-service. Fails with {@link ApiKeyException.Rejected} for a
     * key auth-service does not accept and {@link ApiKeyException.Unavailable} when it cannot be asked.
     */
    Mono<ExchangedKey> exchange(String key) {
        String hash = hash(key);
        ExchangedKey cached = cache.getIfPresent(hash);
        if (cached != null) {
            return Mono.just(cached);
        }
        return inFlight.computeIfAbsent(hash, h -> {
            AtomicReference<Mono<ExchangedKey>> self = new AtomicReference<>();
            self.set(fromAuthService(key)
                    .doOnNext(exchanged -> cache.put(h, exchanged))
                    .doFinally(signal -> inFlight.remove(h, self.get()))
                    // shared by the requests that arrive while it runs; later ones find the cache (or try anew)
                    .cache(value -> Duration.ZERO, error -> Duration.ZERO, () -> Duration.ZERO));
            return self.get();
        });
    }

    /** Drops the cached token of {@code key} (it was refused downstream); the next request exchanges the key anew. */
    void forget(String key) {
        cache.invalidate(hash(key));
    }

    /** Until the configured TTL, but never closer to the token's expiry than the margin. */
    Duration cacheLifetime(ExchangedKey exchanged) {
        Duration untilExpiry = Duration.between(clock.instant(), exchanged.expiresAt()).minus(properties.expiryMargin());
        Duration lifetime = untilExpiry.compareTo(properties.cacheTtl()) < 0 ? untilExpiry : properties.cacheTtl();
        return lifetime.isNegative() ? Duration.ZERO : lifetime;
    }

    private Mono<ExchangedKey> fromAuthService(String key) {
        return serviceTokens.token()
                .flatMap(token -> post(token, key))
                .onErrorResume(ServiceTokenRefused.class, refused -> {
                    // Our token was refused (expired early, signing key changed): get a new one and try once more.
                    serviceTokens.invalidate();
                    return serviceTokens.token().flatMap(token -> post(token, key))
                            .onErrorMap(ServiceTokenRefused.class, again -> new ApiKeyException.Unavailable(
                                    "auth-service refuses the gateway's service token", again));
                });
    }

    private Mono<ExchangedKey> post(String serviceToken, String key) {
        return authService.post()
                .uri("/internal/api-keys/exchange")
                .headers(headers -> headers.setBearerAuth(serviceToken))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(Map.of("key", key))
                .exchangeToMono(this::answer)
                .timeout(properties.timeout())
                .onErrorMap(error -> !(error instanceof ApiKeyException) && !(error instanceof ServiceTokenRefused),
                        error -> new ApiKeyException.Unavailable("auth-service cannot be reached", error));
    }

    private Mono<ExchangedKey> answer(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.bodyToMono(Map.class).map(this::exchanged);
        }
        if (status.value() == HttpStatus.UNAUTHORIZED.value()) {
            // Two different 401s: the key is unknown (code INVALID_API_KEY), or our own token was refused.
            return response.bodyToMono(Map.class).defaultIfEmpty(Map.of()).onErrorReturn(Map.of())
                    .flatMap(problem -> INVALID_API_KEY.equals(problem.get("code"))
                            ? Mono.error(new ApiKeyException.Rejected())
                            : Mono.error(new ServiceTokenRefused()));
        }
        if (status.value() == HttpStatus.BAD_REQUEST.value()) {
            return response.releaseBody().then(Mono.error(new ApiKeyException.Rejected()));
        }
        if (status.value() == HttpStatus.FORBIDDEN.value()) {
            log.error("auth-service refused to exchange API keys for the gateway: its client '{}' lacks scope {}",
                    properties.clientId(), ApiKeyProperties.SCOPE);
        }
        return response.releaseBody().then(Mono.error(
                new ApiKeyException.Unavailable("auth-service answered the exchange with " + status.value(), null)));
    }

    private ExchangedKey exchanged(Map<?, ?> body) {
        Object token = body.get("accessToken");
        Object expiresIn = body.get("expiresIn");
        Object scope = body.get("scope");
        if (!(token instanceof String accessToken) || accessToken.isBlank() || !(expiresIn instanceof Number seconds)
                || !("read".equals(scope) || "full".equals(scope))) {
            throw new ApiKeyException.Unavailable("auth-service answered the exchange without a usable token", null);
        }
        return new ExchangedKey(accessToken, "read".equals(scope), clock.instant().plusSeconds(seconds.longValue()));
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** auth-service refused the gateway's service token (not the key). */
    private static final class ServiceTokenRefused extends RuntimeException {
        ServiceTokenRefused() {
            super("The gateway's service token was refused", null, false, false);
        }
    }
}
