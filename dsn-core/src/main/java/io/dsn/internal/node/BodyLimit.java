package io.dsn.internal.node;

import io.dsn.MessageTooLargeException;
import io.dsn.MessageType;
import io.dsn.internal.crypto.NetworkCipher;

/**
 * The largest request body a node accepts, applied to what this node is about to send: a message
 * the peers would refuse with 413 is refused before anything changes or leaves.
 */
final class BodyLimit {

    private final NetworkCipher cipher;
    private final int maxBodySize;

    BodyLimit(NetworkCipher cipher, int maxBodySize) {
        this.cipher = cipher;
        this.maxBodySize = maxBodySize;
    }

    /**
     * @param encodedPacket the packet's length on the wire, before framing and encryption
     * @param what what is being sent, for the message
     * @throws MessageTooLargeException when the request body would exceed the limit
     */
    void check(MessageType type, int encodedPacket, String what) {
        long size = cipher.encryptedLength(encodedPacket + 1);
        if (size > maxBodySize) {
            throw new MessageTooLargeException(what + " (" + type + ")", size, maxBodySize);
        }
    }
}
