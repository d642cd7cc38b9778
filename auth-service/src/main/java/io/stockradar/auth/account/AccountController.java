package io.stockradar.auth.account;

import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/auth")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Create an account (role USER)")
    @PostMapping("/signup")
    ResponseEntity<AccountResponse> signup(@RequestBody SignupRequest request, HttpServletRequest http) {
        Account account = accounts.signup(request, http.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountResponse.of(account));
    }

    @Operation(summary = "The signed-in account", security = @SecurityRequirement(name = "bearer"))
    @GetMapping("/me")
    AccountResponse me(@AuthenticationPrincipal Jwt jwt) {
        return accounts.findById(UUID.fromString(jwt.getSubject()))
                .map(AccountResponse::of)
                .orElseThrow(() -> ApiProblem.notFound("This account no longer exists"));
    }

    @Operation(summary = "Change the password; ends every session (refresh token) of the account",
            security = @SecurityRequirement(name = "bearer"))
    @PutMapping("/me/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ChangePasswordRequest request,
            HttpServletRequest http) {
        accounts.changePassword(UUID.fromString(jwt.getSubject()), request, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete the account (needs the password); other services are told through Kafka",
            security = @SecurityRequirement(name = "bearer"))
    @DeleteMapping("/me")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody DeleteAccountRequest request,
            HttpServletRequest http) {
        accounts.delete(UUID.fromString(jwt.getSubject()), request, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }
}
