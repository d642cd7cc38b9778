package io.stockradar.auth.token;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class TokenController {

    private final TokenService tokens;

    TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @Operation(summary = "Sign in with username or e-mail address and password")
    @PostMapping("/login")
    ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        // The client's address: behind the gateway Tomcat takes it from X-Forwarded-For, trusting only
        // proxies on private networks (server.forward-headers-strategy=native).
        return noStore(tokens.login(request, http.getRemoteAddr()));
    }

    @Operation(summary = "Exchange a refresh token for new tokens (the old one stops working)")
    @PostMapping("/refresh")
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshTokenRequest request) {
        return noStore(tokens.refresh(request));
    }

    @Operation(summary = "Sign out: revoke the refresh token's session and, at the gateway, its access tokens")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshTokenRequest request) {
        tokens.logout(request);
        return ResponseEntity.noContent().build();
    }

    /** Token responses must not be cached (RFC 6749 5.1). */
    private static ResponseEntity<TokenResponse> noStore(TokenResponse body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
    }
}
