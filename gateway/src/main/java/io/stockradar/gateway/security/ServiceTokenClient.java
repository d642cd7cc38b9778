package io.stockradar.gateway.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The gateway's own service token (OAuth 2.0 client credentials at auth-service's {@code /oauth2/token},
 * scope {@code apikey:exchange}). One token is shared by all requests and fetched again shortly before it
 * expires; concurrent requests wait for the same fetch. A failed fetch is not cached.
 */
class ServiceTokenClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenClient.class);

    record ServiceToken(String value, Duration lifetime) {

        @Override
        public String toString() {
            return "ServiceToken[lifetime=" + lifetime + "]";
        }
    }

    private final WebClient authService;
    private final ApiKeyProperties properties;
    private final AtomicReference<Mono<ServiceToken>> current = new AtomicReference<>();

    ServiceTokenClient(WebClient authService, ApiKeyProperties properties) {
        this.authService = authService;
        this.properties = properties;
        current.set(fetching());
    }

    /** A valid service token: the cached one, or a new one. */
    Mono<String> token() {
        return current.get().map(ServiceToken::value);
    }

    /** Forgets the cached token (auth-service refused it, e.g. after a key change); the next call fetches anew. */
    void invalidate() {
        current.set(fetching());
    }

    private Mono<ServiceToken> fetching() {
        return Mono.defer(this::fetch)
                // Reused until shortly before it expires; an error or nothing is never reused.
                .cache(token -> token.lifetime().minus(properties.expiryMargin()).isNegative()
                                ? Duration.ZERO : token.lifetime().minus(properties.expiryMargin()),
                        error -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Mono<ServiceToken> fetch() {
        if (!properties.enabled()) {
            return Mono.error(new ApiKeyException.Unavailable("The gateway has no client secret (GATEWAY_CLIENT_SECRET)", null));
        }
        return authService.post()
                .uri("/oauth2/token")
                .headers(headers -> headers.setBasicAuth(formEncoded(properties.clientId()),
                        formEncoded(properties.clientSecret())))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", ApiKeyProperties.SCOPE))
                .exchangeToMono(response -> {
                    HttpStatusCode status = response.statusCode();
                    if (status.is2xxSuccessful()) {
                        return response.bodyToMono(Map.class).map(ServiceTokenClient::token);
                    }
                    return response.releaseBody().then(Mono.error(refused(status)));
                })
                .timeout(properties.timeout())
                .onErrorMap(error -> !(error instanceof ApiKeyException),
                        error -> new ApiKeyException.Unavailable("auth-service's token endpoint cannot be reached", error));
    }

    private static ServiceToken token(Map<?, ?> body) {
        Object value = body.get("access_token");
        Object expiresIn = body.get("expires_in");
        if (!(value instanceof String token) || token.isBlank() || !(expiresIn instanceof Number seconds)) {
            throw new ApiKeyException.Unavailable("auth-service's token endpoint answered without a token", null);
        }
        return new ServiceToken(token, Duration.ofSeconds(seconds.longValue()));
    }

    private ApiKeyException refused(HttpStatusCode status) {
        if (status.value() == 400 || status.value() == 401) {
            // Our configuration, not the caller's fault: the secret or the client's scopes do not match.
            log.error("auth-service refused the gateway's client credentials (client '{}', HTTP {}): check "
                    + "GATEWAY_CLIENT_SECRET and auth-service's stockradar.clients.{}.secret-hash / .scopes ({})",
                    properties.clientId(), status.value(), properties.clientId(), ApiKeyProperties.SCOPE);
        }
        return new ApiKeyException.Unavailable("auth-service's token endpoint answered " + status.value(), null);
    }

    /** RFC 6749 2.3.1: client id and secret are form-urlencoded before HTTP Basic. */
    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
