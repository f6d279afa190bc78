package io.dsn.internal.node.guard;

/** A request is refused with an HTTP status, as PROTOCOL.md prescribes. */
public final class ProtocolException extends RuntimeException {

    /** Every request that fails before its signature is checked: undecryptable, wrong type byte, malformed. */
    public static final int UNREADABLE = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int NOT_ACCEPTABLE = 406;
    /** Secure protocol: a message replayed, or sent outside the clock-skew window. */
    public static final int NOT_FRESH = 425;
    /** A body of the other protocol (compatible at a secure node, or the reverse): "Upgrade Required". */
    public static final int OTHER_PROTOCOL = 426;
    /** A bound was reached: too many failures from one source, too many peers or new keys. */
    public static final int TOO_MANY = 429;
    /** The node is not serving this request now: it has not started, or it is stopping. */
    public static final int UNAVAILABLE = 503;
    public static final int VERSION_MISMATCH = 505;

    private final int status;

    public ProtocolException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
