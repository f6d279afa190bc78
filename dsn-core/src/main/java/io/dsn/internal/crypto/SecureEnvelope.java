package io.dsn.internal.crypto;

import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PacketFormatException;
import io.dsn.internal.protocol.SecureMessage;

import org.bouncycastle.util.encoders.Hex;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * A body of the secure protocol (PROTOCOL.md section 8.1): an 18-byte header in the clear but
 * authenticated (marker, version, key id, nonce), then the {@link SecureMessage} encrypted with
 * AES-256-GCM under the key the header names, and its 16-byte tag.
 *
 * <p>The inner message is whole 16-byte blocks, so a body is always 2 bytes more than a multiple
 * of 16: never the whole AES blocks of a compatible body, nor, starting with {@value #MARKER_HEX},
 * a plaintext compatible body (which starts with a type byte, 1 to 6). A compatible node can
 * therefore never take a secure body for one of its own, and either mode tells the other's
 * traffic apart from garbage ({@link #looksSecure}, {@link #looksCompatible}).
 */
public final class SecureEnvelope {

    public static final byte MARKER = (byte) 0xD5;
    static final String MARKER_HEX = "0xD5";
    public static final byte VERSION = 1;
    public static final int KEY_ID_OFFSET = 2;
    public static final int NONCE_OFFSET = KEY_ID_OFFSET + SecureKey.ID_LENGTH;
    public static final int HEADER_LENGTH = NONCE_OFFSET + SecureKey.NONCE_LENGTH;
    /** Every secure body's length modulo 16 (the header's), never 0. */
    private static final int LENGTH_MOD_BLOCK = HEADER_LENGTH % SecureMessage.BLOCK;
    private static final int MIN_LENGTH = HEADER_LENGTH + SecureMessage.encodedLength(0, 0, 0) + SecureKey.TAG_LENGTH;

    /** Why a body could not be opened. */
    public enum Failure {
        /** Not a body of the secure protocol: no marker, or too short. */
        NOT_SECURE,
        /** A secure body of a version this node does not speak. */
        OTHER_VERSION,
        /** Sealed with a key this node does not hold. */
        UNKNOWN_KEY,
        /** The tag does not hold: changed on the way, or sealed with another key of the same id. */
        NOT_AUTHENTIC,
        /** Authentic, but its inner message does not parse: the sender has a bug. */
        MALFORMED
    }

    /** A body that could not be opened, and why. */
    public static final class UnopenedException extends DecryptionException {

        private static final long serialVersionUID = 1L;
        private final Failure failure;

        UnopenedException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * An opened body.
     *
     * @param key the key it was sealed with (its answer is sealed with the same)
     * @param messageId its message id, the nonce
     */
    public record Opened(SecureKey key, byte[] messageId, SecureMessage message) {
    }

    private SecureEnvelope() {
    }

    /** Seals a message with {@code key} and a nonce that must never have been used with this key. */
    public static byte[] seal(SecureKey key, byte[] nonce, SecureMessage message) {
        if (nonce.length != SecureKey.NONCE_LENGTH) {
            throw new IllegalArgumentException("a nonce is " + SecureKey.NONCE_LENGTH + " bytes, got " + nonce.length);
        }
        byte[] inner = message.encode();
        byte[] body = new byte[HEADER_LENGTH + inner.length + SecureKey.TAG_LENGTH];
        body[0] = MARKER;
        body[1] = VERSION;
        System.arraycopy(key.id(), 0, body, KEY_ID_OFFSET, SecureKey.ID_LENGTH);
        System.arraycopy(nonce, 0, body, NONCE_OFFSET, SecureKey.NONCE_LENGTH);
        key.seal(nonce, Arrays.copyOf(body, HEADER_LENGTH), inner, body, HEADER_LENGTH);
        return body;
    }

    /** Opens a body sealed with any key of the ring. */
    public static Opened open(NetworkKeyring keyring, byte[] body) throws UnopenedException {
        return open(body, header -> keyring.byId(header, KEY_ID_OFFSET));
    }

    /** Opens a body that must be sealed with {@code key} (an answer, with its request's key). */
    public static Opened open(SecureKey key, byte[] body) throws UnopenedException {
        byte[] id = key.id();
        return open(body, header -> Arrays.equals(header, KEY_ID_OFFSET, NONCE_OFFSET, id, 0, SecureKey.ID_LENGTH)
                ? Optional.of(key) : Optional.empty());
    }

    private static Opened open(byte[] body, Function<byte[], Optional<SecureKey>> keyOf) throws UnopenedException {
        if (body.length < MIN_LENGTH || body[0] != MARKER) {
            throw new UnopenedException(Failure.NOT_SECURE, "not a body of the secure protocol");
        }
        if (body[1] != VERSION) {
            throw new UnopenedException(Failure.OTHER_VERSION, "secure protocol version " + (body[1] & 0xFF)
                    + ", this node speaks " + VERSION);
        }
        byte[] header = Arrays.copyOf(body, HEADER_LENGTH);
        SecureKey key = keyOf.apply(header).orElseThrow(() -> new UnopenedException(Failure.UNKNOWN_KEY,
                "sealed with network key " + keyIdOf(body) + ", which this node does not hold"));
        byte[] nonce = Arrays.copyOfRange(body, NONCE_OFFSET, HEADER_LENGTH);
        byte[] inner;
        try {
            inner = key.open(nonce, header, body, HEADER_LENGTH, body.length - HEADER_LENGTH);
        } catch (DecryptionException e) {
            throw new UnopenedException(Failure.NOT_AUTHENTIC, e.getMessage());
        }
        try {
            return new Opened(key, nonce, SecureMessage.decode(inner));
        } catch (PacketFormatException e) {
            throw new UnopenedException(Failure.MALFORMED, "authentic, but " + e.getMessage());
        }
    }

    /** The key id a body claims, as hex; for messages about a body that could not be opened. */
    public static String keyIdOf(byte[] body) {
        if (body.length < NONCE_OFFSET) {
            return "(none)";
        }
        return Hex.toHexString(body, KEY_ID_OFFSET, SecureKey.ID_LENGTH);
    }

    /** The length of the body that seals an inner message of this length. */
    public static int sealedLength(int innerLength) {
        return HEADER_LENGTH + innerLength + SecureKey.TAG_LENGTH;
    }

    /**
     * Whether a body is one of the secure protocol as far as can be told without a key: its marker,
     * and a length no compatible body has. Decided on what the sender chose, never on a key.
     */
    public static boolean looksSecure(byte[] body) {
        return body.length >= MIN_LENGTH && body[0] == MARKER
                && body.length % SecureMessage.BLOCK == LENGTH_MOD_BLOCK;
    }

    /**
     * Whether a body could be one of the compatible protocol: whole AES blocks, or a plaintext
     * body starting with a type byte. Secure bodies never are.
     */
    public static boolean looksCompatible(byte[] body) {
        return body.length > 0 && (body.length % SecureMessage.BLOCK == 0
                || MessageType.fromCode(body[0] & 0xFF).isPresent());
    }
}
