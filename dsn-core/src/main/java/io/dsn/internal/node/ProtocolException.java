package io.dsn.internal.node;

/** A request is refused with an HTTP status, as PROTOCOL.md prescribes. */
final class ProtocolException extends RuntimeException {

    /** Every request that fails before its signature is checked: undecryptable, wrong type byte, malformed. */
    static final int UNREADABLE = 400;
    static final int UNAUTHORIZED = 401;
    static final int NOT_ACCEPTABLE = 406;
    /** A bound was reached: too many failures from one source, too many peers or new keys. */
    static final int TOO_MANY = 429;
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
