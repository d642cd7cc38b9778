package io.stockradar.history.config;

import io.stockradar.common.security.ApiKeyScopeFilter;
import io.stockradar.common.security.BearerTokenHeader;
import io.stockradar.common.security.HeaderCheckingFirewall;
import io.stockradar.common.security.ProblemSecurityHandlers;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.common.security.VerifiedTokenCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.client.RestTemplate;

import java.time.Clock;

/**
 * A stateless resource server: every {@code /api/**} call needs a valid Stock Radar access token;
 * health probes, Prometheus and the OpenAPI document are public. 401 and 403 are problem+json. A token that
 * passed verification is not verified again for at most {@code stockradar.security.jwt.verified-token-cache.ttl}
 * and never at or after its {@code exp} (common's {@link VerifiedTokenCache}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

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
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers("/api/history/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(StockRadarJwt.authenticationConverter()))
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemSecurityHandlers.authenticationEntryPoint())
                        .accessDeniedHandler(ProblemSecurityHandlers.accessDeniedHandler()));
        // an API key's scope (read: GET/HEAD only) holds here too, not only at the gateway
        http.addFilterAfter(new ApiKeyScopeFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    JwtDecoder jwtDecoder(JwtProperties properties) {
        SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(properties.connectTimeout());
        requestFactory.setReadTimeout(properties.readTimeout());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .restOperations(new RestTemplate(requestFactory))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtAudienceValidator(properties.audience())));
        return new VerifiedTokenCache(properties.verifiedTokenCache(), Clock.systemUTC()).decoding(decoder);
    }
}
