package io.dsn.internal.node;

import io.dsn.DataReceived;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * DATA, both sides (PROTOCOL.md section 4.5): signed application bytes from one node to a known
 * peer, answered {@code OK} and handed to the listeners.
 */
final class DataExchange {

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    private final Identity identity;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;
    private final EventDispatcher events;
    private final OutgoingCall call;
    private final BodyLimit bodyLimit;

    DataExchange(Identity identity, PeerAuthenticator authenticator, PeerTable peers, EventDispatcher events,
                 OutgoingCall call, BodyLimit bodyLimit) {
        this.bodyLimit = bodyLimit;
        this.identity = identity;
        this.authenticator = authenticator;
        this.peers = peers;
        this.events = events;
        this.call = call;
    }

    /**
     * Sends application bytes to a peer; the future holds its reply.
     *
     * @throws io.dsn.MessageTooLargeException at once when the request would exceed the body limit
     */
    CompletableFuture<String> send(Peer peer, byte[] data) {
        DataPacket unsigned = new DataPacket(identity.nodeId(), EMPTY, data);
        byte[] encoded = unsigned.withSignature(identity.sign(unsigned.signedPart())).encode();
        bodyLimit.check(MessageType.DATA, encoded.length, data.length + " bytes of data to " + peer.nodeId());
        return call.call(peer.endpoint(), peer.nodeId(), MessageType.DATA, encoded, reply -> {
            peers.heardFrom(peer);
            return new String(reply, StandardCharsets.UTF_8);
        });
    }

    /** Takes bytes from a known peer and hands them to the listeners. */
    byte[] answer(DataPacket packet, String remoteAddress) {
        Peer sender = peers.get(packet.nodeId()).orElseThrow(() ->
                new ProtocolException(ProtocolException.UNAUTHORIZED, "DATA from unknown node " + packet.nodeId()));
        authenticator.verify(packet.nodeId(), packet.signedPart(), packet.signature());
        peers.heardFrom(sender);
        events.publish(new DataReceived(packet.nodeId(), packet.data()));
        return OK;
    }
}
