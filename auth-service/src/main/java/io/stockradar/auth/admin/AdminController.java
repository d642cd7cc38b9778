package io.stockradar.auth.admin;

import io.stockradar.auth.account.AccountService;
import io.stockradar.common.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** User administration; every path needs role ADMIN (enforced in the security configuration). */
@RestController
@RequestMapping("/api/auth/admin/users")
class AdminController {

    private final AccountService accounts;

    AdminController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Accounts, oldest first (keyset pagination)", security = @SecurityRequirement(name = "bearer"))
    @GetMapping
    AdminUserPageResponse list(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(required = false) String cursor) {
        var page = accounts.page(limit, cursor);
        return new AdminUserPageResponse(page.items().stream().map(AdminUserResponse::of).toList(), page.nextCursor());
    }

    @Operation(summary = "Lock an account: no sign-in or refresh, its access tokens refused everywhere; ends its sessions",
            security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/{id}/lock")
    AdminUserResponse lock(@PathVariable UUID id, @AuthenticationPrincipal Jwt admin) {
        if (id.toString().equals(admin.getSubject())) {
            throw ApiProblem.conflict("Administrators cannot lock their own account");
        }
        return AdminUserResponse.of(accounts.lock(id));
    }

    @Operation(summary = "Unlock an account", security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/{id}/unlock")
    AdminUserResponse unlock(@PathVariable UUID id) {
        return AdminUserResponse.of(accounts.unlock(id));
    }

    @Operation(summary = "Sign an account out everywhere (all its refresh tokens and access tokens revoked)",
            security = @SecurityRequirement(name = "bearer"))
    @DeleteMapping("/{id}/sessions")
    ResponseEntity<Void> endSessions(@PathVariable UUID id) {
        accounts.endSessions(id);
        return ResponseEntity.noContent().build();
    }
}
