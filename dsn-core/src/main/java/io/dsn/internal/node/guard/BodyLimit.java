package io.dsn.internal.node.guard;

import io.dsn.MessageTooLargeException;
import io.dsn.internal.crypto.sealing.Sealing;
import io.dsn.internal.protocol.MessageType;

/**
 * The largest request body a node accepts, applied to what this node is about to send: a message
 * the peers would refuse with 413 is refused before anything changes or leaves.
 */
public final class BodyLimit {

    private final Sealing sealing;
    private final int maxBodySize;
    private final String limitName;

    /** @param limitName the body limit's setting as the node's user names it, for the message */
    public BodyLimit(Sealing sealing, int maxBodySize, String limitName) {
        this.sealing = sealing;
        this.maxBodySize = maxBodySize;
        this.limitName = limitName;
    }

    /**
     * @param encodedPacket the packet's length on the wire, before it is sealed
     * @param what what is being sent, for the message
     * @throws MessageTooLargeException when the request body would exceed the limit
     */
    public void check(MessageType type, int encodedPacket, String what) {
        long size = sealing.bodyLength(encodedPacket);
        if (size > maxBodySize) {
            throw new MessageTooLargeException(what + " (" + type + ")", size, maxBodySize, limitName);
        }
    }
}
