package io.dsn.internal.node.exchange;

import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.OwnState;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.StatePacket;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * UPDATE, both sides (PROTOCOL.md section 4.3): a node pushes its signed state, and the answer
 * carries the receiver's own state when the push was news to it.
 */
public final class UpdateExchange {

    private static final byte[] EMPTY = new byte[0];

    private final OwnState ownState;
    private final StateIntake intake;
    private final PeerTable peers;
    private final HelloExchange hello;
    private final OutgoingCall call;

    public UpdateExchange(OwnState ownState, StateIntake intake, PeerTable peers, HelloExchange hello,
                          OutgoingCall call) {
        this.ownState = ownState;
        this.intake = intake;
        this.peers = peers;
        this.hello = hello;
        this.call = call;
    }

    /** Sends a state of ours and takes the peer's state from a non-empty answer. */
    public CompletableFuture<Void> send(Peer peer, StatePacket state) {
        return call.call(peer.endpoint(), peer.nodeId(), MessageType.UPDATE, state.encode(), payload -> {
            peers.heardFrom(peer);
            peer.delivered(state.lastUpdate());
            if (payload.length > 0) {
                StatePacket answer = StatePacket.decode(payload);
                if (!answer.nodeId().equals(peer.nodeId())) {
                    throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE,
                            peer.nodeId() + " answered UPDATE with the state of " + answer.nodeId());
                }
                if (intake.applyAnswer(peer, answer).timestampTaken()) {
                    peers.accepted(peer, answer.lastUpdate());
                }
            }
            return null;
        });
    }

    /**
     * Sends a state like {@link #send}; a peer that refuses it as coming from an unknown node (it
     * restarted and forgot us) is greeted with HELLO and gets the state again. The outboxes send
     * this way.
     */
    public CompletableFuture<Void> deliver(Peer peer, StatePacket state) {
        return send(peer, state).exceptionallyCompose(error -> {
            if (OutgoingCall.refusedWith(error, ProtocolException.UNAUTHORIZED)) {
                return hello.greet(peer.endpoint()).thenCompose(greeted -> send(greeted, state));
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    /** Takes a pushed state; answers with ours when the push was news. */
    public byte[] answer(StatePacket packet, String remoteAddress) {
        Map<String, String> data = intake.verify(packet);
        Optional<Peer> inTable = peers.get(packet.nodeId());
        double newestTaken = inTable.isPresent() ? 0 : peers.lastAccepted(packet.nodeId());
        if (newestTaken > 0 && !(packet.lastUpdate() >= newestTaken && intake.usable(packet))) {
            // A state older than the newest taken from a node not in the table (a replay, or one
            // sent before the node left) brings nobody back, and moves nobody to where it came from.
            // The newest itself may: after a restart this node holds its timestamp, not its data.
            return EMPTY;
        }
        // A validly signed, newer state from a node linked before (dropped since, or before a restart), sent
        // from where it was: it is back. From elsewhere it may be a replay: the sender must say HELLO (401).
        Peer peer = inTable
                .or(() -> peers.readmit(packet.nodeId(), remoteAddress))
                .orElseThrow(() -> new ProtocolException(ProtocolException.UNAUTHORIZED,
                        "UPDATE from " + packet.nodeId() + ", which is not a peer of this node here: say HELLO first"));
        peers.heardFrom(peer, remoteAddress);
        StateIntake.Outcome outcome = intake.apply(peer, packet, data);
        if (outcome.timestampTaken()) {
            peers.accepted(peer, packet.lastUpdate());
        }
        // Like the Python node: only news is answered with our state, anything else with nothing.
        return outcome == StateIntake.Outcome.NEWS ? ownState.current().packet().encode() : EMPTY;
    }
}
