package io.dsn.internal.node.membership;

import io.dsn.Endpoint;
import io.dsn.runtime.SimulatedBug;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node in this node's address book: where it is, its latest state, and what we last heard.
 * Its endpoint and liveness change only through {@link PeerTable}, its state only through
 * {@link io.dsn.internal.node.exchange.StateIntake}.
 */
public final class Peer {

    /**
     * What a state offered to a peer is worth: news (taken), the data already held with a newer
     * timestamp (only the timestamp is taken, as a floor for what comes next), or nothing.
     */
    public enum Verdict {
        NEWS, NEWER_SAME_DATA, NOTHING
    }

    /** The outcome of offering a peer a new state that was taken, whole or only its timestamp. */
    public record StateChange(Verdict verdict, RemoteState previous, RemoteState current, Set<String> changedKeys) {
    }

    private final String nodeId;
    private final AtomicBoolean pingInFlight = new AtomicBoolean();
    private final AtomicBoolean reportedCheckInFlight = new AtomicBoolean();
    private volatile Endpoint endpoint;
    private volatile RemoteState state = RemoteState.PLACEHOLDER;
    private volatile Instant lastHeardFrom;
    private volatile double deliveredTimestamp;
    /** The newest timestamp taken from this node before it became a peer this time (from the address book). */
    private final double acceptedBefore;
    private final boolean acceptsOlderStates;
    private final boolean mergesStates;

    public Peer(String nodeId, Endpoint endpoint, Instant now) {
        this(nodeId, endpoint, now, 0.0, Set.of());
    }

    /**
     * @param acceptedBefore the timestamp of the newest state taken from this node in an earlier
     *                       life of the entry (before a drop or a restart): older states are refused
     * @param bugs what a simulation broke on purpose ({@link SimulatedBug}); none in a real node
     */
    Peer(String nodeId, Endpoint endpoint, Instant now, double acceptedBefore, Set<SimulatedBug> bugs) {
        this.nodeId = nodeId;
        this.endpoint = endpoint;
        this.lastHeardFrom = now;
        this.acceptedBefore = acceptedBefore;
        this.acceptsOlderStates = bugs.contains(SimulatedBug.ACCEPT_OLDER_STATES);
        this.mergesStates = bugs.contains(SimulatedBug.MERGE_STATES);
    }

    public String nodeId() {
        return nodeId;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    void moveTo(Endpoint newEndpoint) {
        this.endpoint = newEndpoint;
    }

    public RemoteState state() {
        return state;
    }

    public Instant lastHeardFrom() {
        return lastHeardFrom;
    }

    void heardFrom(Instant when) {
        lastHeardFrom = when;
    }

    public AtomicBoolean pingInFlight() {
        return pingInFlight;
    }

    /** Set while a check of this peer that another node reported runs (besides a probe of our own). */
    public AtomicBoolean reportedCheckInFlight() {
        return reportedCheckInFlight;
    }

    /** The timestamp of the newest own state this peer is known to hold. */
    public double deliveredTimestamp() {
        return deliveredTimestamp;
    }

    public synchronized void delivered(double timestamp) {
        deliveredTimestamp = Math.max(deliveredTimestamp, timestamp);
    }

    /** The peer holds none of our states any more (it greeted us again: it had dropped us, or restarted). */
    public synchronized void holdsNoneOfOurStates() {
        deliveredTimestamp = 0;
    }

    /**
     * Takes a state the peer published, unless it is older than one taken before (now or in an
     * earlier life of this entry) or carries the same non-empty data as the one held (the Python
     * node's rule). The same data with a newer timestamp advances the held timestamp, so that an
     * older state with other data cannot be taken after it.
     *
     * @return the change, or null when nothing was taken
     */
    public synchronized StateChange offer(RemoteState offered) {
        RemoteState previous = state;
        Verdict verdict = judge(offered);
        return switch (verdict) {
            case NOTHING -> null;
            case NEWER_SAME_DATA -> {
                state = new RemoteState(previous.data(), offered.lastUpdate());
                yield new StateChange(verdict, previous, state, Set.of());
            }
            case NEWS -> {
                state = mergesStates ? merged(previous, offered) : offered;
                yield new StateChange(verdict, previous, offered, changedKeys(previous.data(), offered.data()));
            }
        };
    }

    /** Whether this is the very state held now: the same timestamp and the same data. */
    public boolean holds(RemoteState offered) {
        RemoteState held = state;
        return held.lastUpdate() == offered.lastUpdate() && held.data().equals(offered.data());
    }

    /** What {@link #offer} would make of this state now. */
    public Verdict judge(RemoteState offered) {
        RemoteState held = state;
        double timestamp = offered.lastUpdate();
        if ((timestamp < acceptedBefore || held.lastUpdate() > timestamp) && !acceptsOlderStates) {
            return Verdict.NOTHING;
        }
        if (offered.data().isEmpty() || !offered.data().equals(held.data())) {
            return Verdict.NEWS;
        }
        return timestamp > held.lastUpdate() ? Verdict.NEWER_SAME_DATA : Verdict.NOTHING;
    }

    /** {@link SimulatedBug#MERGE_STATES}: the offered data over the held, so keys it removed stay. */
    private static RemoteState merged(RemoteState held, RemoteState offered) {
        Map<String, String> data = new LinkedHashMap<>(held.data());
        data.putAll(offered.data());
        return new RemoteState(data, offered.lastUpdate());
    }

    private static Set<String> changedKeys(Map<String, String> before, Map<String, String> after) {
        Set<String> changed = new HashSet<>();
        before.forEach((key, value) -> {
            if (!Objects.equals(value, after.get(key))) {
                changed.add(key);
            }
        });
        after.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                changed.add(key);
            }
        });
        return changed;
    }

    @Override
    public String toString() {
        return "Peer[" + nodeId + " at " + endpoint + "]";
    }
}
