package io.stockradar.common.problem;

import java.net.URI;
import java.util.Locale;

/**
 * Stable machine-readable error codes. Every problem+json response carries one as {@code code}, and its
 * {@code type} is {@link #type()}. Clients switch on the code, never on the human-readable detail.
 * Services may define further codes of their own as plain strings with {@link #typeOf(String)}.
 */
public enum ProblemCode {
    VALIDATION_FAILED,
    MALFORMED_REQUEST,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    NOT_ACCEPTABLE,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    UNAUTHORIZED,
    FORBIDDEN,
    CONFLICT,
    TOO_MANY_REQUESTS,
    UNAVAILABLE,
    INTERNAL;

    public static final String TYPE_BASE = "https://stockradar.io/problems/";

    public URI type() {
        return typeOf(name());
    }

    public static URI typeOf(String code) {
        return URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The default code for an HTTP status, for problems raised without an explicit one. */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
