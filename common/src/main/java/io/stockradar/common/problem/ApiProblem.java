package io.stockradar.common.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * An expected failure with an HTTP status, a stable code and a message fit for the caller. Throw it
 * from any layer; {@link ProblemDetailsExceptionHandler} renders it as RFC 9457 problem+json.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiProblem(HttpStatusCode status, String code, String detail, List<FieldViolation> errors) {
        super(status, problem(status, code, detail, errors), null);
    }

    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION_FAILED.name(),
                "Invalid request: " + field + " " + message, List.of(new FieldViolation(field, message)));
    }

    public static ApiProblem invalid(List<FieldViolation> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION_FAILED.name(),
                "Invalid request: " + errors.size() + " field(s) failed validation", errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND.name(), detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, ProblemCode.CONFLICT.name(), detail);
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.UNAVAILABLE.name(), detail);
    }

    private static ProblemDetail problem(HttpStatusCode status, String code, String detail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemCode.typeOf(code));
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", List.copyOf(errors));
        }
        return problem;
    }
}
