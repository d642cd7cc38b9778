package io.stockradar.auth.config;

import io.stockradar.auth.account.AccountService;
import io.stockradar.auth.jwt.ServiceTokenDecoder;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import java.util.UUID;

import io.stockradar.common.security.ApiKeyScopeFilter;
import io.stockradar.common.security.ProblemSecurityHandlers;
import io.stockradar.common.security.StockRadarJwt;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless JSON API: no session, no CSRF (no cookies carry credentials; tokens travel in the
 * Authorization header or the request body). Signup, login, refresh and logout are public, as are
 * the issuer's documents, health, metrics and the OpenAPI description; everything else needs a
 * valid access token, which this service checks against its own keys. {@code /internal/**} has a chain of its
 * own that takes service tokens only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /**
     * {@code /internal/**}: other services only, with a service token of this issuer
     * ({@code aud=stockradar-internal}); user tokens are refused (401), a service token without the needed
     * scope gets 403. The gateway never routes these paths.
     */
    /**
     * No Spring Security observations. With them the filter chain wraps every one of its filters in an observation
     * on every request (the management.observations property only makes those no-ops, the wrapping stays): in JFR
     * profiles under login load that was the largest piece of auth-service's CPU per sign-in besides the hash, the
     * RS256 signature and Tomcat. Requests are still observed as http.server.requests.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain internalFilterChain(HttpSecurity http, ServiceTokenDecoder serviceTokens) throws Exception {
        http
                .securityMatcher("/internal/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.POST, "/internal/api-keys/exchange").hasAuthority("SCOPE_apikey:exchange")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(serviceTokens.jwtDecoder())
                                .jwtAuthenticationConverter(StockRadarJwt.authenticationConverter()))
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder, AccountService accounts)
            throws Exception {
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.POST, "/api/auth/signup", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/logout").permitAll()
                        // OAuth 2.0 client credentials for services; authenticates clients itself (HTTP Basic)
                        .requestMatchers(HttpMethod.POST, "/oauth2/token").permitAll()
                        .requestMatchers("/api/auth/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/.well-known/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(refusingLockedAccounts(accounts)))
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
        // an API key's scope (read: GET/HEAD only) holds here too, not only at the gateway
        http.addFilterAfter(new ApiKeyScopeFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Roles to authorities as everywhere, but a token of a locked account is refused (401) within its
     * lifetime: one primary-key lookup per authenticated request, which only this service can afford to do.
     * Other services accept such a token until it expires (at most the access-token TTL, 15 min).
     */
    static Converter<Jwt, AbstractAuthenticationToken> refusingLockedAccounts(AccountService accounts) {
        Converter<Jwt, AbstractAuthenticationToken> roles = StockRadarJwt.authenticationConverter();
        return jwt -> {
            UUID accountId;
            try {
                accountId = UUID.fromString(jwt.getSubject());
            } catch (IllegalArgumentException e) {
                throw new InvalidBearerTokenException("The token's subject is not an account");
            }
            if (accounts.isLocked(accountId)) {
                throw new InvalidBearerTokenException("The account is locked");
            }
            return roles.convert(jwt);
        };
    }
}
