package io.stockradar.gateway.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.common.security.VerifiedTokenCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;
import java.util.List;

/**
 * The edge resource server. Every {@code /api/**} call needs a valid access token from auth-service
 * (RS256, signed by a key in its JWKS, right issuer and audience, not expired); the few public auth calls,
 * discovery documents, API docs and the web UI do not. The actuator is not here: it has a port of its own
 * ({@code management.server.port}), reachable only by the kubelet and the monitoring namespace. Paths outside
 * {@code /api/**} that are not public are left to routing, which answers 404 (never 401 for a path that
 * does not exist, and never anything but 404 for {@code /internal/**}).
 *
 * <p>The {@code Authorization} header travels on to the services, which validate the token again.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Requests that never need a token ({@link PublicPaths}). */
    static final ServerWebExchangeMatcher PUBLIC = PublicPaths.INSTANCE;

    /**
     * The web UI (module web-ui) serves every script, style and image from this origin and calls only
     * {@code /api/**} here: no inline script or style, no CDN, no framing, no {@code <base>} (an injected one
     * would re-point every relative script URL), forms submitted to this origin only.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** No per-filter security observations: CPU on every request; see auth-service's SecurityConfig for the figures. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            ProblemSecurityHandlers handlers) {
        SecurityWebFilterChain chain = http
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // stateless bearer-token API, no cookies
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                // No anonymous principal and no saved requests: nothing here reads either, and each is a filter on
                // every request (a request without a token has no principal and gets 401 where one is needed).
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        .matchers(PUBLIC).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(ignoringPublicPaths(new BearerTokenConverter()))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers)
                        .jwt(jwt -> jwt
                                .jwtDecoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                        new ReactiveJwtAuthenticationConverterAdapter(StockRadarJwt.authenticationConverter()))))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .build();
        return withoutRequestCacheFilter(chain);
    }

    /**
     * The chain without {@link ServerRequestCacheWebFilter}: the DSL adds it even with the cache disabled, where it
     * only looks up a saved request that can never exist, on every request.
     */
    private static SecurityWebFilterChain withoutRequestCacheFilter(SecurityWebFilterChain chain) {
        List<WebFilter> filters = chain.getWebFilters()
                .filter(filter -> !(filter instanceof ServerRequestCacheWebFilter))
                .collectList()
                .block();
        return new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(), filters);
    }

    @Bean
    RevokedTokens revokedTokens(ReactiveStringRedisTemplate redis, RevocationProperties properties, MeterRegistry meters) {
        return new RevokedTokens(redis, properties, meters, Clock.systemUTC());
    }

    @Bean
    VerifiedTokenCache verifiedTokenCache(JwtProperties properties) {
        return new VerifiedTokenCache(properties.verifiedTokenCache(), Clock.systemUTC());
    }

    /**
     * RS256 only (so {@code alg: none} and HS256 signed with the public key are refused), keys from the
     * JWKS, and issuer, audience, expiry and not-before checked; then not revoked ({@link EdgeJwtDecoder}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, RevokedTokens revokedTokens,
            VerifiedTokenCache verifiedTokenCache) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksTimeout().toMillis())
                .responseTimeout(properties.jwksTimeout());
        WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
        NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder
                .withJwkSource(new JwksSource(webClient, properties.jwkSetUri(), properties.jwksMinRefresh(), Clock.systemUTC()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        verifier.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().toString()),
                new JwtAudienceValidator(properties.audience())));
        return new EdgeJwtDecoder(verifier, verifiedTokenCache, revokedTokens);
    }

    private static ServerAuthenticationConverter ignoringPublicPaths(ServerAuthenticationConverter delegate) {
        return exchange -> PUBLIC.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : delegate.convert(exchange));
    }
}
