package io.dsn.internal.protocol;


import java.util.Arrays;
import java.util.Objects;

/**
 * The inner message of the secure protocol (PROTOCOL.md section 8.2): what is encrypted and
 * authenticated inside a body. It says whether it is a request or an answer, its type, which
 * request an answer belongs to, when and by whom it was sent and for whom, and carries the
 * packet of that type as the compatible mode would (section 4). Zero bytes pad it to a whole
 * number of 16-byte blocks.
 *
 * @param inReplyTo for an answer, the message id of its request; for a request, {@link #NO_REQUEST}
 * @param sentAt seconds since the Unix epoch, by the sender's clock
 * @param recipientId the node it is for; empty only in a HELLO request to an endpoint whose node is not known yet
 */
public record SecureMessage(Kind kind, MessageType type, byte[] inReplyTo, double sentAt, String senderId,
                            String recipientId, byte[] payload) {

    /** The length of a message id, which is the message's nonce. */
    public static final int MESSAGE_ID_LENGTH = 12;
    /** What a request carries in {@code in_reply_to}. */
    public static final byte[] NO_REQUEST = new byte[MESSAGE_ID_LENGTH];
    public static final int BLOCK = 16;
    /** kind, type, in_reply_to, sent_at and the three length prefixes. */
    private static final int FIXED_LENGTH = 1 + 1 + MESSAGE_ID_LENGTH + 8 + 4 + 4 + 4;

    /** Whether a message asks or answers. */
    public enum Kind {
        REQUEST(1), ANSWER(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Kind fromCode(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new PacketFormatException("kind " + code + " is neither a request (1) nor an answer (2)");
        }
    }

    public SecureMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(payload, "payload");
        if (inReplyTo.length != MESSAGE_ID_LENGTH) {
            throw new IllegalArgumentException("in_reply_to is " + MESSAGE_ID_LENGTH + " bytes, got " + inReplyTo.length);
        }
    }

    /** A request: no {@code in_reply_to}. */
    public static SecureMessage request(MessageType type, double sentAt, String senderId, String recipientId,
                                        byte[] payload) {
        return new SecureMessage(Kind.REQUEST, type, NO_REQUEST, sentAt, senderId, recipientId, payload);
    }

    /** The answer to the request with id {@code requestId}. */
    public static SecureMessage answer(MessageType type, byte[] requestId, double sentAt, String senderId,
                                       String recipientId, byte[] payload) {
        return new SecureMessage(Kind.ANSWER, type, requestId.clone(), sentAt, senderId, recipientId, payload);
    }

    /** The inner message's bytes, padded with zeros to a whole number of blocks. */
    public byte[] encode() {
        int unpadded = FIXED_LENGTH + ByteWriter.utf8Length(senderId) + ByteWriter.utf8Length(recipientId)
                + payload.length;
        int length = padded(unpadded);
        // Written once into a buffer of the final size: a payload may be megabytes.
        return new ByteWriter(length)
                .u8(kind.code())
                .u8(type.code())
                .raw(inReplyTo)
                .f64(sentAt)
                .string(senderId)
                .string(recipientId)
                .bytes(payload)
                .raw(new byte[length - unpadded])
                .toByteArray();
    }

    /**
     * Reads an inner message: every field, then at most 15 zero bytes that make it a whole number of blocks.
     *
     * @throws PacketFormatException for anything else
     */
    public static SecureMessage decode(byte[] inner) {
        if (inner.length % BLOCK != 0) {
            throw new PacketFormatException("the inner message is " + inner.length + " bytes, not whole blocks");
        }
        ByteReader reader = new ByteReader(inner);
        Kind kind = Kind.fromCode(reader.u8("kind"));
        int code = reader.u8("type");
        MessageType type = MessageType.fromCode(code).orElseThrow(() ->
                new PacketFormatException("type " + code + " is no message type"));
        byte[] inReplyTo = reader.raw(MESSAGE_ID_LENGTH, "in_reply_to");
        double sentAt = reader.f64("sent_at");
        String senderId = reader.string("sender_id");
        String recipientId = reader.string("recipient_id");
        byte[] payload = reader.bytes("payload");
        int padding = reader.remaining();
        byte[] zeros = reader.raw(padding, "padding");
        if (padding >= BLOCK || !Arrays.equals(zeros, new byte[padding])) {
            throw new PacketFormatException("the padding is " + padding + " bytes, not 0 to 15 zero bytes");
        }
        return new SecureMessage(kind, type, inReplyTo, sentAt, senderId, recipientId, payload);
    }

    /** The encoded length of a message with these fields' lengths (ids in UTF-8 bytes). */
    public static int encodedLength(int payloadLength, int senderIdBytes, int recipientIdBytes) {
        return padded(FIXED_LENGTH + senderIdBytes + recipientIdBytes + payloadLength);
    }

    private static int padded(int length) {
        return (length + BLOCK - 1) / BLOCK * BLOCK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecureMessage that && kind == that.kind && type == that.type
                && Arrays.equals(inReplyTo, that.inReplyTo) && Double.compare(sentAt, that.sentAt) == 0
                && senderId.equals(that.senderId) && recipientId.equals(that.recipientId)
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, type, Arrays.hashCode(inReplyTo), sentAt, senderId, recipientId,
                Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "SecureMessage[" + kind + " " + type + " from " + senderId + " to '" + recipientId + "' at " + sentAt
                + ", " + payload.length + " bytes]";
    }
}
