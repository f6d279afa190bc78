package io.dsn.internal.node;

import io.dsn.DSNMetrics;
import io.dsn.PeerStateChanged;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;

import java.util.Map;

/**
 * Takes a peer's signed state into the table: verified against its pinned key, parsed, kept
 * only if it is news, and announced to the listeners when its data changed.
 */
final class StateIntake {

    private final PeerAuthenticator authenticator;
    private final EventDispatcher events;
    private final DSNMetrics metrics;

    StateIntake(PeerAuthenticator authenticator, EventDispatcher events, DSNMetrics metrics) {
        this.authenticator = authenticator;
        this.events = events;
        this.metrics = metrics;
    }

    /** Checks a state's signature and format, throwing a {@link ProtocolException} or PacketFormatException. */
    Map<String, String> verify(StatePacket packet) {
        authenticator.verify(packet.nodeId(), packet.signedPart(), packet.signature());
        return PythonJson.parseState(packet.stateJson());
    }

    /**
     * Takes a peer's answer to our UPDATE. Most answers only repeat the state already held:
     * those are dropped before the signature check, which costs more than everything else.
     *
     * @return true if the state was news and replaced the one held
     */
    boolean applyAnswer(Peer peer, StatePacket answer) {
        Map<String, String> data = PythonJson.parseState(answer.stateJson());
        if (!peer.isNews(new RemoteState(data, answer.lastUpdate()))) {
            return false;
        }
        authenticator.verify(answer.nodeId(), answer.signedPart(), answer.signature());
        return apply(peer, answer, data);
    }

    /**
     * Offers a verified state to its peer's entry.
     *
     * @return true if the state was news and replaced the one held
     */
    boolean apply(Peer peer, StatePacket packet, Map<String, String> data) {
        Peer.StateChange change;
        // Queued under the peer's lock, so listeners hear a peer's states in the order they were taken.
        synchronized (peer) {
            change = peer.offer(new RemoteState(data, packet.lastUpdate()));
            if (change != null && !change.changedKeys().isEmpty()) {
                events.publish(new PeerStateChanged(peer.nodeId(), change.previous().data(), data,
                        change.changedKeys(), WireTime.toInstant(packet.lastUpdate())));
            }
        }
        if (change == null) {
            return false;
        }
        metrics.stateApplied(false);
        return true;
    }
}
