package io.stockradar.history.config;

import io.stockradar.common.problem.ProblemDetailsExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of this service as RFC 9457 problem+json (see {@link ProblemDetailsExceptionHandler}). */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemDetailsExceptionHandler {
}
