package io.dsn.internal.node;

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
final class SuspectExchange {

    private static final byte[] EMPTY = new byte[0];

    private final Identity identity;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;
    private final Liveness liveness;
    private final OutgoingCall call;

    SuspectExchange(Identity identity, PeerAuthenticator authenticator, PeerTable peers, Liveness liveness,
                    OutgoingCall call) {
        this.identity = identity;
        this.authenticator = authenticator;
        this.peers = peers;
        this.liveness = liveness;
        this.call = call;
    }

    /**
     * Tells every peer that {@code suspect} did not answer, with the usual retries: a report lost
     * on the way would leave that peer to find the dead node on its own round, N/2 ticks later.
     * Failures and 404s are ignored.
     */
    CompletableFuture<Void> report(Peer suspect) {
        SuspectPacket unsigned = new SuspectPacket(identity.nodeId(), suspect.nodeId(), EMPTY);
        byte[] encoded = unsigned.withSignature(identity.sign(unsigned.signedPart())).encode();
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
    byte[] answer(SuspectPacket packet, String remoteAddress) {
        Peer reporter = peers.get(packet.nodeId()).orElseThrow(() ->
                new ProtocolException(ProtocolException.UNAUTHORIZED, "SUSPECT from unknown node " + packet.nodeId()));
        authenticator.verify(packet.nodeId(), packet.signedPart(), packet.signature());
        peers.heardFrom(reporter);
        Optional<Peer> suspect = peers.get(packet.suspectId());
        suspect.ifPresent(liveness::checkReported);
        return EMPTY;
    }
}
