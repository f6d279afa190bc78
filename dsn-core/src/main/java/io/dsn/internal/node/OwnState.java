package io.dsn.internal.node;

import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** This node's own state: the only one it may write, always held signed and ready to send. */
final class OwnState {

    /** The data and its signed packet, replaced together so readers never see one without the other. */
    record Snapshot(Map<String, String> data, StatePacket packet) {
    }

    private final String nodeId;
    private final NodeKeyPair keys;
    private final Clock clock;
    private final double continueAfter;
    private volatile Snapshot current;
    /** The newest timestamp used for something other than a state (a LEAVE); the next state comes after it. */
    private double issuedBesideStates = Double.NEGATIVE_INFINITY;

    OwnState(String nodeId, NodeKeyPair keys, Clock clock) {
        this(nodeId, keys, clock, 0.0);
    }

    /** @param continueAfter every timestamp is later than this one (the newest of an earlier run) */
    OwnState(String nodeId, NodeKeyPair keys, Clock clock, double continueAfter) {
        this.nodeId = nodeId;
        this.keys = keys;
        this.clock = clock;
        this.continueAfter = continueAfter;
        update(map -> { });
    }

    /** Applies a change, stamps and signs the result, and returns the new signed state. */
    synchronized StatePacket update(Consumer<Map<String, String>> change) {
        return update(change, packet -> { });
    }

    /**
     * Applies a change like {@link #update(Consumer)}, unless {@code check} throws for the new
     * signed state: then nothing changes.
     */
    synchronized StatePacket update(Consumer<Map<String, String>> change, Consumer<StatePacket> check) {
        Map<String, String> next = new LinkedHashMap<>(current == null ? Map.of() : current.data());
        change.accept(next);
        StatePacket unsigned = new StatePacket(nodeId, nextTimestamp(), new byte[0], PythonJson.write(next));
        StatePacket signed = unsigned.withSignature(keys.sign(unsigned.signedPart()));
        check.accept(signed);
        current = new Snapshot(Collections.unmodifiableMap(next), signed);
        return signed;
    }

    /**
     * Now in seconds, but always later than the previous timestamp (of this run or an earlier
     * one), so two states are never ordered by accident.
     */
    private double nextTimestamp() {
        return Math.max(WireTime.toSeconds(clock.instant()), Math.nextUp(newestTimestamp()));
    }

    /**
     * A timestamp from the sequence of the states' timestamps that no state carries: later than
     * every state so far, earlier than every state to come (a LEAVE's, so that a replayed LEAVE
     * is older than whatever the node sends after it starts again).
     */
    synchronized double issueTimestamp() {
        issuedBesideStates = nextTimestamp();
        return issuedBesideStates;
    }

    /** The newest timestamp issued, for a state or beside them (for a restart to continue after). */
    synchronized double newestTimestamp() {
        double previous = current == null ? continueAfter : current.packet().lastUpdate();
        return Math.max(previous, issuedBesideStates);
    }

    Snapshot current() {
        return current;
    }
}
