package io.stockradar.auth.config;

import io.stockradar.common.problem.ProblemCode;
import io.stockradar.common.problem.ProblemDetailsExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of auth-service as RFC 9457 problem+json (see {@link ProblemDetailsExceptionHandler}).
 * An unreachable or saturated database is a 503 the client may retry, not a 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemDetailsExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<Object> handleDatabaseUnavailable(Exception ex) {
        log.warn("Database unavailable: {}", ex.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.UNAVAILABLE.name(),
                        "The service is temporarily unable to reach its database; try again shortly"));
    }
}
