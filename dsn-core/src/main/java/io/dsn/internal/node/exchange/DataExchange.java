package io.dsn.internal.node.exchange;

import io.dsn.DataReceived;
import io.dsn.internal.node.guard.BodyLimit;
import io.dsn.internal.node.membership.EventDispatcher;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * DATA, both sides (PROTOCOL.md section 4.5): signed application bytes from one node to a known
 * peer, answered {@code OK} and handed to the listeners.
 */
public final class DataExchange {

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private final SignedPackets packets;
    private final PeerTable peers;
    private final EventDispatcher events;
    private final OutgoingCall call;
    private final BodyLimit bodyLimit;

    public DataExchange(SignedPackets packets, PeerTable peers, EventDispatcher events, OutgoingCall call,
                        BodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
        this.packets = packets;
        this.peers = peers;
        this.events = events;
        this.call = call;
    }

    /**
     * Sends application bytes to a peer; the future holds its reply.
     *
     * @throws io.dsn.MessageTooLargeException at once when the request would exceed the body limit
     */
    public CompletableFuture<String> send(Peer peer, byte[] data) {
        byte[] encoded = packets.encodeSigned(new DataPacket(packets.ownNodeId(), EMPTY, data));
        bodyLimit.check(MessageType.DATA, encoded.length, data.length + " bytes of data to " + peer.nodeId());
        return call.call(peer.endpoint(), peer.nodeId(), MessageType.DATA, encoded, reply -> {
            peers.heardFrom(peer);
            return new String(reply, StandardCharsets.UTF_8);
        });
    }

    /** Takes bytes from a known peer and hands them to the listeners. */
    public byte[] answer(DataPacket packet, String remoteAddress) {
        packets.senderOf(MessageType.DATA, packet, remoteAddress);
        events.publish(new DataReceived(packet.nodeId(), packet.data()));
        return OK;
    }
}
