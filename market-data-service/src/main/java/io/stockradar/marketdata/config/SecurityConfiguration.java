package io.stockradar.marketdata.config;

import io.stockradar.common.security.ProblemSecurityHandlers;
import io.stockradar.common.security.StockRadarJwt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Duration;

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

    @Bean
    @Order(1)
    SecurityFilterChain internalSecurityFilterChain(HttpSecurity http, JwtSettings jwt) throws Exception {
        JwtDecoder serviceTokens = StockRadarJwt.decoder(jwt.jwkSetUri(), jwt.issuer(),
                StockRadarJwt.INTERNAL_AUDIENCE, jwt.timeout());
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
        return resourceServer(http, jwtDecoder).build();
    }

    /** User access tokens ({@code aud = stockradar-api}); a bean, so Boot does not configure a second one. */
    @Bean
    JwtDecoder jwtDecoder(JwtSettings jwt) {
        return StockRadarJwt.decoder(jwt.jwkSetUri(), jwt.issuer(), StockRadarJwt.AUDIENCE, jwt.timeout());
    }

    @Bean
    JwtSettings jwtSettings(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
                            @Value("${stockradar.security.jwt.issuer}") String issuer,
                            @Value("${stockradar.security.jwt.jwks-timeout:2s}") Duration timeout) {
        return new JwtSettings(jwkSetUri, issuer, timeout);
    }

    record JwtSettings(String jwkSetUri, String issuer, Duration timeout) {
    }

    private static HttpSecurity resourceServer(HttpSecurity http, JwtDecoder decoder) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(StockRadarJwt.authenticationConverter()))
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
    }
}
