package io.dsn.internal.node.exchange;

import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.SuspectPacket;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * SUSPECT, both sides (PROTOCOL.md section 4.7, Java only): a node whose probe of a peer failed
 * tells its other peers, and each of them probes that peer at once, every attempt together, and
 * drops it only if its own probe fails too. A report is never taken on trust: a node cut off from one peer, or a hostile
 * insider, can make others probe a peer, never drop one that answers them. A Python peer answers
 * 404 and finds the dead peer with its own pings.
 */
public final class SuspectExchange {

    private static final byte[] EMPTY = new byte[0];

    private final SignedPackets packets;
    private final PeerTable peers;
    private final Liveness liveness;
    private final OutgoingCall call;

    public SuspectExchange(SignedPackets packets, PeerTable peers, Liveness liveness, OutgoingCall call) {
        this.packets = packets;
        this.peers = peers;
        this.liveness = liveness;
        this.call = call;
    }

    /**
     * Tells every peer that {@code suspect} did not answer, with the usual retries: a report lost
     * on the way would leave that peer to find the dead node on its own round, N/2 ticks later.
     * Failures and 404s are ignored.
     */
    public CompletableFuture<Void> report(Peer suspect) {
        byte[] encoded = packets.encodeSigned(new SuspectPacket(packets.ownNodeId(), suspect.nodeId(), EMPTY));
        CompletableFuture<?>[] told = peers.all().stream()
                .filter(peer -> !peer.nodeId().equals(suspect.nodeId()))
                .map(peer -> call.call(peer.endpoint(), peer.nodeId(), MessageType.SUSPECT, encoded, answer -> (Void) null)
                        .exceptionally(error -> null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(told);
    }

    /**
     * Takes a report from a known peer: the suspect, if it is a peer here, is probed (once at a
     * time, whoever reports it). The answer is empty and comes before the probe ends.
     */
    public byte[] answer(SuspectPacket packet, String remoteAddress) {
        packets.senderOf(MessageType.SUSPECT, packet, remoteAddress);
        Optional<Peer> suspect = peers.get(packet.suspectId());
        suspect.ifPresent(liveness::checkReported);
        return EMPTY;
    }
}
