package io.dsn.internal.protocol;

/**
 * A packet or JSON document that is malformed, truncated or followed by unexpected bytes.
 * A server answers such input with HTTP 406.
 */
public class PacketFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PacketFormatException(String message) {
        super(message);
    }

    public PacketFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
