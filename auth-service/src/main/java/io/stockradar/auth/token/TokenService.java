package io.stockradar.auth.token;

import io.stockradar.auth.account.Account;
import io.stockradar.auth.account.AccountService;
import io.stockradar.auth.jwt.AccessTokenIssuer;
import io.stockradar.auth.throttle.LoginThrottle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.common.problem.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.stockradar.common.security.StockRadarJwt;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Signing in, refreshing and signing out: access tokens plus rotating refresh tokens. */
@Service
class TokenService {

    static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    static final String INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN";

    private final AccountService accounts;
    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenService refreshTokens;
    private final LoginThrottle throttle;
    private final Counter loginSucceeded;
    private final Counter loginFailed;
    private final Counter refreshSucceeded;
    private final Counter refreshRejected;

    TokenService(AccountService accounts, AccessTokenIssuer accessTokens, RefreshTokenService refreshTokens,
            LoginThrottle throttle, MeterRegistry meters) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.loginSucceeded = Counter.builder("stockradar.auth.logins").tag("outcome", "success")
                .description("Sign-in attempts").register(meters);
        this.loginFailed = Counter.builder("stockradar.auth.logins").tag("outcome", "failure")
                .description("Sign-in attempts").register(meters);
        this.refreshSucceeded = Counter.builder("stockradar.auth.refreshes").tag("outcome", "rotated")
                .description("Refresh token exchanges").register(meters);
        this.refreshRejected = Counter.builder("stockradar.auth.refreshes").tag("outcome", "rejected")
                .description("Refresh token exchanges").register(meters);
    }

    /**
     * Tokens for valid credentials; one 401 for an unknown user and a wrong password alike. Too many
     * failures for the account (its username and e-mail address count together) or from the client IP
     * make further attempts wait: 429 with
     * {@code Retry-After}, before the password is even checked (see {@link LoginThrottle}).
     */
    TokenResponse login(LoginRequest request, String clientIp) {
        AccountService.LoginName name = accounts.identify(request.username());
        Optional<Duration> wait = throttle.tryAttempt(name.throttleKey(), clientIp);
        if (wait.isPresent()) {
            throw LoginThrottle.throttled(wait.get());
        }
        Account account = accounts.authenticate(name, request.password()).orElse(null);
        if (account == null) {
            loginFailed.increment();
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, INVALID_CREDENTIALS, "The username or password is incorrect");
        }
        throttle.succeeded(name.throttleKey(), clientIp);
        loginSucceeded.increment();
        return tokens(account, refreshTokens.startFamily(account.id()));
    }

    TokenResponse refresh(RefreshTokenRequest request) {
        TokenResponse response = refreshTokens.rotate(request.refreshToken())
                .flatMap(issued -> accounts.findById(issued.accountId())
                        .filter(account -> !account.locked())
                        .map(account -> tokens(account, issued)))
                .orElse(null);
        if (response == null) {
            refreshRejected.increment();
            throw invalidRefreshToken();
        }
        refreshSucceeded.increment();
        return response;
    }

    void logout(RefreshTokenRequest request) {
        refreshTokens.revoke(request.refreshToken());
    }

    private TokenResponse tokens(Account account, RefreshTokenService.Issued refresh) {
        AccessTokenIssuer.AccessToken access = accessTokens.issue(account.id(), account.username(), account.roles(),
                Map.of(StockRadarJwt.CLAIM_SESSION, refresh.familyId().toString()));
        return new TokenResponse(access.value(), refresh.token(), TokenResponse.BEARER, access.lifetime().toSeconds());
    }

    private static ApiProblem invalidRefreshToken() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, INVALID_REFRESH_TOKEN,
                "The refresh token is invalid, expired or revoked; sign in again");
    }
}
