package io.stockradar.marketdata.config;

import io.stockradar.common.security.ApiKeyScopeFilter;
import io.stockradar.common.security.BearerTokenHeader;
import io.stockradar.common.security.HeaderCheckingFirewall;
import io.stockradar.common.security.ProblemSecurityHandlers;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.common.security.VerifiedTokenCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

import java.time.Clock;

/**
 * Two resource servers on one port, each with its own decoder (issuer, lifetime and audience checked,
 * RS256 keys from auth-service's JWKS):
 * <ul>
 * <li>{@code /internal/**} (agent-service, history-service; the gateway never routes it): only service
 * (client-credentials) tokens, {@code aud = stockradar-internal}, with scope {@code market:read}. A user
 * token has the wrong audience → 401; a service token without the scope → 403.</li>
 * <li>everything else: user access tokens ({@code aud = stockradar-api}) on {@code /api/**}; a service
 * token there → 401. Health, Prometheus and the OpenAPI document are public.</li>
 * </ul>
 * A token that passed is remembered by its exact text ({@link VerifiedTokenCache}: never at or after its
 * {@code exp}, at most {@code stockradar.security.jwt.verified-token-cache.ttl}), so a client's next requests with it are
 * not RSA-verified again; the scope and audience rules above apply to every request all the same.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The scope a service token needs to read market data on {@code /internal/**}. */
    static final String MARKET_READ = "SCOPE_market:read";

    /** No per-filter security observations: CPU on every request; see auth-service's SecurityConfig for the figures. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's default firewall, checking printable-ASCII headers without a regex (same verdicts). */
    @Bean
    HttpFirewall httpFirewall() {
        return HeaderCheckingFirewall.strict();
    }

    @Bean
    @Order(1)
    SecurityFilterChain internalSecurityFilterChain(HttpSecurity http, JwtSettings jwt) throws Exception {
        JwtDecoder serviceTokens = jwt.decoder(StockRadarJwt.INTERNAL_AUDIENCE);
        http.securityMatcher("/internal/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(MARKET_READ));
        return resourceServer(http, serviceTokens).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                        "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll()
                .anyRequest().authenticated());
        // an API key's scope (read: GET/HEAD only) holds here too, not only at the gateway
        http.addFilterAfter(new ApiKeyScopeFilter(), BearerTokenAuthenticationFilter.class);
        return resourceServer(http, jwtDecoder).build();
    }

    /** User access tokens ({@code aud = stockradar-api}); a bean, so Boot does not configure a second one. */
    @Bean
    JwtDecoder jwtDecoder(JwtSettings jwt) {
        return jwt.decoder(StockRadarJwt.AUDIENCE);
    }

    @Bean
    JwtSettings jwtSettings(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                            JwtProperties properties) {
        return new JwtSettings(jwkSetUri, properties);
    }

    /** The JWKS address and {@code stockradar.security.jwt.*}: a decoder per audience, each with its verified-token cache. */
    record JwtSettings(String jwkSetUri, JwtProperties properties) {

        JwtDecoder decoder(String audience) {
            return new VerifiedTokenCache(properties.verifiedTokenCache(), Clock.systemUTC()).decoding(
                    StockRadarJwt.decoder(jwkSetUri, properties.issuer(), audience, properties.jwksTimeout()));
        }
    }

    private static HttpSecurity resourceServer(HttpSecurity http, JwtDecoder decoder) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(StockRadarJwt.authenticationConverter()))
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
    }
}
