package io.stockradar.history.ingest;

import java.util.List;

/**
 * An event that parsed but breaks the contract (a required field missing, a value out of range). It is
 * never retried: the dead-letter topic receives it with this message as the reason.
 */
class InvalidEventException extends RuntimeException {

    InvalidEventException(String message) {
        super(message);
    }

    static InvalidEventException of(List<String> violations) {
        return new InvalidEventException("Invalid event: " + String.join("; ", violations));
    }
}
