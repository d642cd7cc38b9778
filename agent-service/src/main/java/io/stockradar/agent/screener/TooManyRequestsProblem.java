package io.stockradar.agent.screener;

import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.ProblemCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/** 429 {@code TOO_MANY_REQUESTS} problem+json with {@code Retry-After} in whole seconds (RFC 9110 delay-seconds). */
final class TooManyRequestsProblem {

    private TooManyRequestsProblem() {
    }

    static ApiProblem of(String detail, Duration retryAfter) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.TOO_MANY_REQUESTS.name(), detail);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problem.getBody().setProperty("retryAfterSeconds", seconds);
        return problem;
    }
}
