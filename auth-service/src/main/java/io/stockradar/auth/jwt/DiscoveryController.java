package io.stockradar.auth.jwt;

import io.stockradar.common.security.StockRadarJwt;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The issuer's public documents: its keys (RFC 7517) and an OpenID Connect discovery document. */
@RestController
class DiscoveryController {

    static final String JWKS_PATH = "/.well-known/jwks.json";

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final SigningKeys keys;
    private final JwtProperties properties;
    private final ServiceTokenProperties serviceTokens;

    DiscoveryController(SigningKeys keys, JwtProperties properties, ServiceTokenProperties serviceTokens) {
        this.keys = keys;
        this.properties = properties;
        this.serviceTokens = serviceTokens;
    }

    @Operation(summary = "Public keys that verify access tokens (JWKS)")
    @GetMapping(value = JWKS_PATH, produces = {MediaType.APPLICATION_JSON_VALUE, "application/jwk-set+json"})
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CACHE).body(keys.publicJwks());
    }

    /**
     * What a relying party needs to validate our tokens. Only what is true of this issuer is listed:
     * there is no authorization endpoint or ID token flow yet, so none is advertised. The token endpoint
     * serves only the client credentials grant, for internal services.
     */
    @Operation(summary = "OpenID Connect discovery document")
    @GetMapping(value = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> openidConfiguration() {
        String issuer = properties.issuer();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + JWKS_PATH);
        // Client credentials for internal services only (not routed by the gateway).
        document.put("token_endpoint", serviceTokens.tokenEndpoint() == null || serviceTokens.tokenEndpoint().isBlank()
                ? issuer + "/oauth2/token" : serviceTokens.tokenEndpoint());
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("claims_supported", List.of("iss", "aud", "sub", "iat", "exp", "jti",
                StockRadarJwt.CLAIM_USERNAME, StockRadarJwt.CLAIM_ROLES, StockRadarJwt.CLAIM_SCOPE, "client_id"));
        return ResponseEntity.ok().cacheControl(CACHE).body(document);
    }
}
