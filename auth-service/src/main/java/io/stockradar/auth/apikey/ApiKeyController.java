package io.stockradar.auth.apikey;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The signed-in user's personal API keys. Managing keys needs a sign-in token: a token obtained with an
 * API key cannot create, list or revoke keys (a leaked key must not be able to mint or hide others).
 */
@RestController
@RequestMapping("/api/auth/api-keys")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Operation(summary = "Create an API key (scope read or full, expiresInDays) with your currentPassword; the key is in "
            + "this response only",
            security = @SecurityRequirement(name = "bearer"))
    @PostMapping
    ResponseEntity<CreatedApiKeyResponse> create(@AuthenticationPrincipal Jwt jwt, @RequestBody CreateApiKeyRequest request,
            HttpServletRequest http) {
        // The client's address for the password check's throttling, as at sign-in (TokenController)
        ApiKeyService.Created created = keys.create(account(jwt), request, http.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(CreatedApiKeyResponse.of(created));
    }

    @Operation(summary = "The account's API keys (never the keys themselves)", security = @SecurityRequirement(name = "bearer"))
    @GetMapping
    List<ApiKeyResponse> list(@AuthenticationPrincipal Jwt jwt) {
        return keys.list(account(jwt)).stream().map(ApiKeyResponse::of).toList();
    }

    @Operation(summary = "Revoke one of the account's API keys at once", security = @SecurityRequirement(name = "bearer"))
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        keys.revoke(account(jwt), id);
        return ResponseEntity.noContent().build();
    }

    private static UUID account(Jwt jwt) {
        if (ApiKeyService.AUTH_METHOD_API_KEY.equals(jwt.getClaimAsString(ApiKeyService.CLAIM_AUTH_METHOD))) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN.name(),
                    "API keys cannot manage API keys; sign in with your password");
        }
        return UUID.fromString(jwt.getSubject());
    }
}
