package io.dsn.internal.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * The frame around every message before encryption: the type byte, then the payload
 * (PROTOCOL.md section 1). Answers carry the type byte of their request.
 */
public final class Envelope {

    private Envelope() {
    }

    /** {@code type || payload}. */
    public static byte[] frame(MessageType type, byte[] payload) {
        byte[] framed = new byte[payload.length + 1];
        framed[0] = type.code();
        System.arraycopy(payload, 0, framed, 1, payload.length);
        return framed;
    }

    /** The payload of a frame, or empty when the frame does not start with {@code expected}'s type byte. */
    public static Optional<byte[]> open(MessageType expected, byte[] framed) {
        return isOf(expected, framed) ? Optional.of(payload(framed)) : Optional.empty();
    }

    /** Whether a frame starts with {@code expected}'s type byte. */
    public static boolean isOf(MessageType expected, byte[] framed) {
        return framed.length > 0 && framed[0] == expected.code();
    }

    /** What follows the type byte, whatever that byte is; an empty frame has an empty payload. */
    public static byte[] payload(byte[] framed) {
        return framed.length == 0 ? framed : Arrays.copyOfRange(framed, 1, framed.length);
    }
}
