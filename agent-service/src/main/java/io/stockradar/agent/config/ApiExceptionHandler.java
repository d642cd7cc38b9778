package io.stockradar.agent.config;

import io.stockradar.common.problem.ProblemDetailsExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem+json for every error of this service (see {@link ProblemDetailsExceptionHandler}). */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemDetailsExceptionHandler {
}
