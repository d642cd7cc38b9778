package io.stockradar.gateway.security;

/** Why an API key could not be turned into an access token. */
sealed class ApiKeyException extends RuntimeException permits ApiKeyException.Rejected, ApiKeyException.Unavailable {

    ApiKeyException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** auth-service does not know the key (unknown, revoked, or its owner locked or deleted): 401. */
    static final class Rejected extends ApiKeyException {
        Rejected() {
            super("The API key was rejected", null);
        }
    }

    /** auth-service could not be asked (down, slow, or refusing the gateway's own credentials): 503. */
    static final class Unavailable extends ApiKeyException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
