package io.dsn.internal.node;

/** A request is refused with an HTTP status, as PROTOCOL.md prescribes. */
final class ProtocolException extends RuntimeException {

    /** Every request that fails before its signature is checked: undecryptable, wrong type byte, malformed. */
    static final int UNREADABLE = 400;
    static final int UNAUTHORIZED = 401;
    static final int NOT_ACCEPTABLE = 406;
    /** Secure protocol: a message replayed, or sent outside the clock-skew window. */
    static final int NOT_FRESH = 425;
    /** A body of the other protocol (compatible at a secure node, or the reverse): "Upgrade Required". */
    static final int OTHER_PROTOCOL = 426;
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
