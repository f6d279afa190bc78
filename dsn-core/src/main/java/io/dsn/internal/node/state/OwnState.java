package io.dsn.internal.node.state;

import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * This node's own state: the only one it may write. A write stamps the new state at once and
 * signs it only when it is first needed (sent, answered, read as a packet): a node written
 * faster than it can send signs only the states that leave it, not every one that an even
 * newer state replaced in the outboxes meanwhile.
 */
public final class OwnState {

    /** The data and its packet, replaced together so readers never see one without the other. */
    public static final class Snapshot {

        private final Map<String, String> data;
        private final StatePacket unsigned;
        private final @Nullable NodeKeyPair keys;
        private volatile @Nullable StatePacket signed;

        private Snapshot(Map<String, String> data, StatePacket unsigned, @Nullable NodeKeyPair keys,
                         @Nullable StatePacket signed) {
            this.data = data;
            this.unsigned = unsigned;
            this.keys = keys;
            this.signed = signed;
        }

        /** A snapshot of a packet signed already. */
        public static Snapshot of(Map<String, String> data, StatePacket signed) {
            return new Snapshot(data, signed, null, signed);
        }

        public Map<String, String> data() {
            return data;
        }

        public double lastUpdate() {
            return unsigned.lastUpdate();
        }

        /** The signed packet, signed now if no one needed it before. */
        public StatePacket packet() {
            StatePacket packet = signed;
            if (packet == null) {
                synchronized (this) {
                    packet = signed;
                    if (packet == null) {
                        packet = unsigned.signedWith(keys::sign);
                        signed = packet;
                    }
                }
            }
            return packet;
        }

        /** The size of the packet's encoding once signed. */
        public int encodedSize() {
            return unsigned.encodedLength(NodeKeyPair.SIGNATURE_LENGTH);
        }
    }

    private final String nodeId;
    private final NodeKeyPair keys;
    private final Clock clock;
    private final double continueAfter;
    private final DoubleConsumer reservation;
    private volatile Snapshot current;
    /** The newest timestamp used for something other than a state (a LEAVE); the next state comes after it. */
    private double issuedBesideStates = Double.NEGATIVE_INFINITY;

    public OwnState(String nodeId, NodeKeyPair keys, Clock clock) {
        this(nodeId, keys, clock, 0.0, timestamp -> { });
    }

    /**
     * @param continueAfter every timestamp is later than this one (the newest of an earlier run)
     * @param reservation told of every timestamp before it is used (to keep it on disk first)
     */
    public OwnState(String nodeId, NodeKeyPair keys, Clock clock, double continueAfter, DoubleConsumer reservation) {
        this.nodeId = nodeId;
        this.keys = keys;
        this.clock = clock;
        this.continueAfter = continueAfter;
        this.reservation = reservation;
        update(map -> { });
    }

    /** Applies a change, stamps the result, and returns the new state. */
    public synchronized Snapshot update(Consumer<Map<String, String>> change) {
        return update(change, snapshot -> { });
    }

    /**
     * Applies a change like {@link #update(Consumer)}, unless {@code check} throws for the new
     * state: then nothing changes.
     */
    public synchronized Snapshot update(Consumer<Map<String, String>> change, Consumer<Snapshot> check) {
        Map<String, String> next = new LinkedHashMap<>(current == null ? Map.of() : current.data());
        change.accept(next);
        StatePacket unsigned = new StatePacket(nodeId, nextTimestamp(), new byte[0], PythonJson.write(next));
        Snapshot snapshot = new Snapshot(Collections.unmodifiableMap(next), unsigned, keys, null);
        check.accept(snapshot);
        current = snapshot;
        return snapshot;
    }

    /**
     * Now in seconds, but always later than the previous timestamp (of this run or an earlier
     * one), so two states are never ordered by accident.
     */
    private double nextTimestamp() {
        double next = Math.max(WireTime.toSeconds(clock.instant()), Math.nextUp(newestTimestamp()));
        reservation.accept(next);
        return next;
    }

    /**
     * A timestamp from the sequence of the states' timestamps that no state carries: later than
     * every state so far, earlier than every state to come (a LEAVE's, so that a replayed LEAVE
     * is older than whatever the node sends after it starts again).
     */
    public synchronized double issueTimestamp() {
        issuedBesideStates = nextTimestamp();
        return issuedBesideStates;
    }

    /** The newest timestamp issued, for a state or beside them (for a restart to continue after). */
    public synchronized double newestTimestamp() {
        double previous = current == null ? continueAfter : current.lastUpdate();
        return Math.max(previous, issuedBesideStates);
    }

    public Snapshot current() {
        return current;
    }
}
