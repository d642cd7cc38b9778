package io.stockradar.gateway.error;

import io.stockradar.common.problem.ProblemCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Turns every error the gateway itself raises into problem+json: no route (404), no healthy instance
 * (503), upstream unreachable (503) or broken (502), upstream too slow (504), body too large (413),
 * signing keys unobtainable (503).
 * Responses that come from a service, problem+json or not, never pass through here: they are relayed as
 * they are.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1), which would render its own JSON
class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemWriter problems;

    GatewayErrorHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        Problem problem = classify(ex);
        if (problem.status().is5xxServerError()) {
            log.warn("{} {} failed: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.code(), ex.toString());
        }
        exchange.getResponse().getHeaders().clear();
        return problems.write(exchange, problem.status(), problem.code(), problem.detail());
    }

    static Problem classify(Throwable ex) {
        if (ex instanceof PayloadTooLargeException || hasCause(ex, DataBufferLimitException.class)) {
            return new Problem(HttpStatus.CONTENT_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE.name(),
                    "The request body is larger than the gateway accepts");
        }
        if (hasCause(ex, AuthenticationServiceException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.UNAVAILABLE.name(),
                    "Access tokens cannot be checked right now; try again shortly");
        }
        if (ex instanceof ResponseStatusException rse) {
            return fromStatus(rse.getStatusCode());
        }
        if (hasCause(ex, ConnectException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.UNAVAILABLE.name(),
                    "The service is temporarily unavailable; try again shortly");
        }
        if (hasCause(ex, TimeoutException.class)
                || hasCause(ex, org.springframework.cloud.gateway.support.TimeoutException.class)) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "GATEWAY_TIMEOUT", "The service did not answer in time");
        }
        if (hasCause(ex, IOException.class)) {
            return new Problem(HttpStatus.BAD_GATEWAY, "BAD_GATEWAY", "The service closed the connection unexpectedly");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCode.INTERNAL.name(), "Unexpected gateway error");
    }

    private static Problem fromStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> new Problem(status, ProblemCode.NOT_FOUND.name(), "No such resource");
            case 503 -> new Problem(status, ProblemCode.UNAVAILABLE.name(),
                    "The service is temporarily unavailable; try again shortly");
            case 504 -> new Problem(status, "GATEWAY_TIMEOUT", "The service did not answer in time");
            case 502 -> new Problem(status, "BAD_GATEWAY", "The service answered with an invalid response");
            case 405 -> new Problem(status, ProblemCode.METHOD_NOT_ALLOWED.name(), "Method not allowed here");
            case 413 -> new Problem(status, ProblemCode.PAYLOAD_TOO_LARGE.name(),
                    "The request body is larger than the gateway accepts");
            default -> new Problem(status, ProblemCode.forStatus(status.value()).name(),
                    status.is5xxServerError() ? "Unexpected gateway error" : "The request cannot be processed");
        };
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    record Problem(HttpStatusCode status, String code, String detail) {
    }
}
