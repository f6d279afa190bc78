package io.dsn.internal.protocol;

/**
 * A packet or JSON document that is malformed, truncated or followed by unexpected bytes.
 * A server answers such a packet with HTTP 400 (PROTOCOL.md section 1), and a signed packet
 * whose content (a state's JSON) is malformed with 406.
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
