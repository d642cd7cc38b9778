package io.stockradar.auth.client;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 token endpoint (RFC 6749 4.4, client credentials only) for internal services. Clients
 * authenticate with HTTP Basic ({@code client_secret_basic}). Answers and errors are RFC 6749 5.1/5.2 JSON
 * ({@code access_token}/{@code error}), which OAuth client libraries expect, not problem+json.
 * Not routed by the gateway: only callers inside the cluster reach it.
 */
@RestController
class ClientCredentialsController {

    private final ClientCredentialsService service;

    ClientCredentialsController(ClientCredentialsService service) {
        this.service = service;
    }

    @Operation(summary = "Service token (OAuth 2.0 client credentials grant, HTTP Basic client authentication)")
    @PostMapping(value = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(HttpServletRequest request,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "scope", required = false) String scope) {
        ClientCredentialsService.Result result = service.token(request.getHeader(HttpHeaders.AUTHORIZATION), grantType, scope);
        if (result instanceof ClientCredentialsService.Issued issued) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", issued.token().value());
            body.put("token_type", "Bearer");
            body.put("expires_in", issued.token().lifetime().toSeconds());
            body.put("scope", String.join(" ", issued.scopes()));
            return noStore(ResponseEntity.ok()).body(body);
        }
        ClientCredentialsService.Refused refused = (ClientCredentialsService.Refused) result;
        ResponseEntity.BodyBuilder response = noStore(ResponseEntity.status(refused.status()));
        if (refused.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"stockradar\", charset=\"UTF-8\"");
        }
        return response.body(Map.of("error", refused.error(), "error_description", refused.description()));
    }

    private static ResponseEntity.BodyBuilder noStore(ResponseEntity.BodyBuilder builder) {
        return builder.cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache");
    }
}
