package io.stockradar.gateway.error;

/** A request body grew past the edge limit while it was being streamed (no or a false Content-Length). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes", null, false, false);
    }
}
