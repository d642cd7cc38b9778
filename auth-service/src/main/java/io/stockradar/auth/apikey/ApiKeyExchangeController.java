package io.stockradar.auth.apikey;

import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the gateway only: exchanges a client's API key for a short-lived access token. Needs a service token
 * ({@code aud=stockradar-internal}, scope {@code apikey:exchange}); never routed by the gateway.
 */
@RestController
class ApiKeyExchangeController {

    private final ApiKeyService keys;

    ApiKeyExchangeController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Operation(summary = "Exchange an API key for an access token (internal; service token with scope apikey:exchange)",
            security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/internal/api-keys/exchange")
    ResponseEntity<ApiKeyExchangeResponse> exchange(@RequestBody ApiKeyExchangeRequest request) {
        if (request.key() == null || request.key().isBlank()) {
            throw ApiProblem.badRequest("key", "is required");
        }
        ApiKeyService.Exchanged exchanged = keys.exchange(request.key());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .body(new ApiKeyExchangeResponse(exchanged.token().value(), "Bearer",
                        exchanged.token().lifetime().toSeconds(), exchanged.scope().value()));
    }
}
