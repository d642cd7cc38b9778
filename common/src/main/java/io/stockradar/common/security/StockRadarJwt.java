package io.stockradar.common.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What every resource server needs to agree on about Stock Radar's access tokens: the audience, the
 * claim names, and how roles and scopes become authorities ({@code ROLE_USER}, {@code SCOPE_market:read}).
 */
public final class StockRadarJwt {

    /** The {@code aud} of every access token for the public API. */
    public static final String AUDIENCE = "stockradar-api";

    /** The {@code aud} of service (client-credentials) tokens, accepted only on {@code /internal/**}. */
    public static final String INTERNAL_AUDIENCE = "stockradar-internal";
    public static final String CLAIM_ROLES = "roles";
    public static final String CLAIM_SCOPE = "scope";
    public static final String CLAIM_USERNAME = "preferred_username";
    /** How the token was obtained; {@link #AUTH_METHOD_API_KEY} for a token the gateway got for an API key. */
    public static final String CLAIM_AUTH_METHOD = "auth_method";
    public static final String AUTH_METHOD_API_KEY = "api_key";
    /** An API key's scope ({@code read} or {@code full}), in {@link #CLAIM_SCOPE} of the tokens exchanged for it. */
    public static final String API_KEY_SCOPE_FULL = "full";
    /**
     * The session a token belongs to (OpenID Connect's {@code sid}): the refresh-token family of a sign-in, or the
     * API key a token was exchanged for. Revoking the session revokes its tokens ({@link AccessTokenRevocation}).
     */
    public static final String CLAIM_SESSION = "sid";

    private StockRadarJwt() {
    }

    /** Authorities of a validated token: {@code roles} as {@code ROLE_*}, {@code scope} as {@code SCOPE_*}. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList(CLAIM_ROLES);
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        Object scope = jwt.getClaims().get(CLAIM_SCOPE);
        if (scope instanceof String s && !s.isBlank()) {
            for (String part : s.trim().split("\\s+")) {
                authorities.add(new SimpleGrantedAuthority("SCOPE_" + part));
            }
        } else if (scope instanceof Collection<?> parts) {
            parts.forEach(part -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + part)));
        }
        return authorities;
    }

    /**
     * A servlet resource server's decoder: keys from auth-service's JWKS (no discovery call at start-up,
     * explicit timeouts), RS256 only, and the issuer, lifetime and {@code audience} validated.
     */
    public static JwtDecoder decoder(String jwkSetUri, String issuer, String audience, Duration timeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .restOperations(new RestTemplate(requests))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer), new JwtAudienceValidator(audience)));
        return decoder;
    }

    /** A converter for {@code oauth2ResourceServer(o -> o.jwt(j -> j.jwtAuthenticationConverter(...)))}. */
    public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        return jwt -> new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject());
    }
}
