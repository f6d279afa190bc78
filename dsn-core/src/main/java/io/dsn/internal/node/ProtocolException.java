package io.dsn.internal.node;

/** A request is refused with an HTTP status, as PROTOCOL.md prescribes. */
final class ProtocolException extends RuntimeException {

    static final int UNDECRYPTABLE = 400;
    static final int UNAUTHORIZED = 401;
    static final int NOT_ACCEPTABLE = 406;
    static final int VERSION_MISMATCH = 505;

    private final int status;

    ProtocolException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
