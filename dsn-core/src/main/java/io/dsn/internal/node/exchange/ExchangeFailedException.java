package io.dsn.internal.node.exchange;

import io.dsn.DSNException;

/** A request to a peer got no acceptable answer after every attempt. */
final class ExchangeFailedException extends DSNException {

    private final int status;

    ExchangeFailedException(String message, int status) {
        super(message);
        this.status = status;
    }

    ExchangeFailedException(String message, Throwable cause) {
        this(message, -1, cause);
    }

    ExchangeFailedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the peer answered with (200 for an answer that could not be read), or -1 when no answer came. */
    int status() {
        return status;
    }

    /** Whether another attempt could help: no answer, or a server error other than a version mismatch. */
    boolean retryable() {
        return status == -1 || (status >= 500 && status != 505);
    }
}
