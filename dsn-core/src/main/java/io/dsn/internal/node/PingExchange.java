package io.dsn.internal.node;

import io.dsn.MessageType;

import java.util.concurrent.CompletableFuture;

/** PING, both sides (PROTOCOL.md section 4.4): the liveness check, an empty answer. */
final class PingExchange {

    private static final byte[] PING = {' '};
    private static final byte[] EMPTY = new byte[0];

    private final PeerTable peers;
    private final OutgoingCall call;

    PingExchange(PeerTable peers, OutgoingCall call) {
        this.peers = peers;
        this.call = call;
    }

    /** Checks that a peer is alive. */
    CompletableFuture<Void> ping(Peer peer) {
        return call.call(peer.endpoint(), MessageType.PING, PING, payload -> {
            peers.heardFrom(peer);
            return null;
        });
    }

    /** Answers any PING, as the Python node does. */
    byte[] answer(byte[] payload, String remoteAddress) {
        return EMPTY;
    }
}
