package io.dsn.internal.node.exchange;

import io.dsn.DSNMetrics;
import io.dsn.PeerStateChanged;
import io.dsn.internal.node.guard.WarnOnce;
import io.dsn.internal.node.membership.EventDispatcher;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.RemoteState;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Takes a peer's signed state into the table: verified against its pinned key, parsed, kept
 * only if it is news, and announced to the listeners when its data changed. A timestamp that is
 * not a number, infinite, or further ahead of this node's clock than {@link #MAX_AHEAD} is never
 * taken: it would order every later state of that node before it.
 */
public final class StateIntake {

    private static final Logger log = LoggerFactory.getLogger(StateIntake.class);
    /** How far ahead of this node's clock a peer's timestamp may be. */
    static final Duration MAX_AHEAD = Duration.ofMinutes(10);

    /** What became of a state offered by a peer. */
    enum Outcome {
        /** Taken: the answer to the sender is this node's own state. */
        NEWS,
        /** The data already held, newer: only its timestamp was taken. */
        NEWER_TIMESTAMP,
        /** Older than a state taken before, a repeat, or a timestamp that cannot be taken. */
        IGNORED;

        /** Whether the state's timestamp is now the newest taken from its node. */
        boolean timestampTaken() {
            return this != IGNORED;
        }
    }

    private final PeerAuthenticator authenticator;
    private final EventDispatcher events;
    private final DSNMetrics metrics;
    private final Clock clock;
    private final WarnOnce unusableTimestamps = new WarnOnce(log);

    public StateIntake(PeerAuthenticator authenticator, EventDispatcher events, DSNMetrics metrics, Clock clock) {
        this.authenticator = authenticator;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Checks a state's signature and format, throwing a {@link io.dsn.internal.node.guard.ProtocolException}
     * or PacketFormatException.
     */
    Map<String, String> verify(StatePacket packet) {
        authenticator.verify(packet);
        return PythonJson.parseState(packet.stateJson());
    }

    /**
     * Takes a peer's answer to our UPDATE. Most answers only repeat the state already held (a
     * peer that never writes answers every push with the same empty state): those are dropped
     * before the signature check, which costs more than everything else.
     */
    Outcome applyAnswer(Peer peer, StatePacket answer) {
        Map<String, String> data = PythonJson.parseState(answer.stateJson());
        RemoteState offered = new RemoteState(data, answer.lastUpdate());
        if (!usable(answer) || peer.holds(offered) || peer.judge(offered) == Peer.Verdict.NOTHING) {
            return Outcome.IGNORED;
        }
        authenticator.verify(answer);
        return apply(peer, answer, data);
    }

    /** Offers a verified state to its peer's entry. */
    Outcome apply(Peer peer, StatePacket packet, Map<String, String> data) {
        if (!usable(packet)) {
            return Outcome.IGNORED;
        }
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
            return Outcome.IGNORED;
        }
        if (change.verdict() == Peer.Verdict.NEWER_SAME_DATA) {
            return Outcome.NEWER_TIMESTAMP;
        }
        metrics.stateApplied(false);
        return Outcome.NEWS;
    }

    /** Whether the timestamp can be taken: a finite time, not too far ahead of this node's clock (warns once per node if not). */
    boolean usable(StatePacket packet) {
        double timestamp = packet.lastUpdate();
        double latest = WireTime.toSeconds(clock.instant().plus(MAX_AHEAD));
        if (Double.isFinite(timestamp) && timestamp <= latest) {
            return true;
        }
        unusableTimestamps.warn(packet.nodeId(), "Ignoring states of {} with timestamp {}: not a time, or more than {}"
                + " ahead of this node's clock (is its clock right?)", packet.nodeId(), timestamp, MAX_AHEAD);
        return false;
    }
}
