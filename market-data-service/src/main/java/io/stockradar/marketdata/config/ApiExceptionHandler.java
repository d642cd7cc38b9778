package io.stockradar.marketdata.config;

import io.stockradar.common.problem.ProblemDetailsExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
class ApiExceptionHandler extends ProblemDetailsExceptionHandler {
}
