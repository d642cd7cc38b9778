package io.stockradar.common.security;

import io.stockradar.common.web.ProblemResponses;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem+json for servlet resource servers, with a {@code WWW-Authenticate} challenge. */
public final class ProblemSecurityHandlers {

    private ProblemSecurityHandlers() {
    }

    public static AuthenticationEntryPoint authenticationEntryPoint() {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemResponses.write(response, 401, "UNAUTHORIZED", "A valid access token or API key is required");
        };
    }

    public static AccessDeniedHandler accessDeniedHandler() {
        return (request, response, ex) ->
                ProblemResponses.write(response, 403, "FORBIDDEN", "You are not allowed to do this");
    }
}
