package io.dsn.internal.node.exchange;

import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PacketFormatException;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** PING, both sides (PROTOCOL.md section 4.4): the liveness check, an empty answer. */
public final class PingExchange {

    private static final byte[] PING = {' '};
    private static final byte[] EMPTY = new byte[0];

    private final PeerTable peers;
    private final OutgoingCall call;

    public PingExchange(PeerTable peers, OutgoingCall call) {
        this.peers = peers;
        this.call = call;
    }

    /** Checks that a peer is alive, with one attempt: {@link Liveness} decides what a failure means. */
    CompletableFuture<Void> pingOnce(Peer peer) {
        return call.callOnce(peer.endpoint(), peer.nodeId(), MessageType.PING, PING, payload -> {
            peers.heardFrom(peer);
            return null;
        });
    }

    /**
     * Reads a PING: exactly the one space every node sends. (The Python node answers any payload;
     * a Java node refuses others like any unreadable body, so that PING is no oracle.)
     */
    public static byte[] decode(byte[] payload) {
        if (!Arrays.equals(payload, PING)) {
            throw new PacketFormatException("a PING carries one space, got " + payload.length + " bytes");
        }
        return payload;
    }

    /** Answers a PING with an empty payload. */
    public byte[] answer(byte[] ping, String remoteAddress) {
        return EMPTY;
    }
}
