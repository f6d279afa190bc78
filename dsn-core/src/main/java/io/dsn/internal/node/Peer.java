package io.dsn.internal.node;

import io.dsn.Endpoint;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node in this node's address book: where it is, its latest state, and what we last heard.
 * Its endpoint and liveness change only through {@link PeerTable}, its state only through
 * {@link StateIntake}.
 */
final class Peer {

    /** The outcome of offering a peer a new state. */
    record StateChange(RemoteState previous, RemoteState current, Set<String> changedKeys) {
    }

    private final String nodeId;
    private final PeerOutbox outbox = new PeerOutbox(this);
    private final AtomicBoolean pingInFlight = new AtomicBoolean();
    private volatile Endpoint endpoint;
    private volatile RemoteState state = RemoteState.PLACEHOLDER;
    private volatile Instant lastHeardFrom;
    private volatile double deliveredTimestamp;

    Peer(String nodeId, Endpoint endpoint, Instant now) {
        this.nodeId = nodeId;
        this.endpoint = endpoint;
        this.lastHeardFrom = now;
    }

    String nodeId() {
        return nodeId;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    void moveTo(Endpoint newEndpoint) {
        this.endpoint = newEndpoint;
    }

    RemoteState state() {
        return state;
    }

    Instant lastHeardFrom() {
        return lastHeardFrom;
    }

    void heardFrom(Instant when) {
        lastHeardFrom = when;
    }

    PeerOutbox outbox() {
        return outbox;
    }

    AtomicBoolean pingInFlight() {
        return pingInFlight;
    }

    /** The timestamp of the newest own state this peer is known to hold. */
    double deliveredTimestamp() {
        return deliveredTimestamp;
    }

    synchronized void delivered(double timestamp) {
        deliveredTimestamp = Math.max(deliveredTimestamp, timestamp);
    }

    /**
     * Takes a state the peer published, unless what we hold is newer or already carries the same
     * non-empty data (the Python node's rule).
     *
     * @return the change, or null when the state was not taken
     */
    synchronized StateChange offer(RemoteState offered) {
        RemoteState previous = state;
        if (!isNews(offered)) {
            return null;
        }
        state = offered;
        return new StateChange(previous, offered, changedKeys(previous.data(), offered.data()));
    }

    /** Whether {@link #offer} would take this state now: it is not older, and not the same non-empty data. */
    boolean isNews(RemoteState offered) {
        RemoteState held = state;
        if (held.lastUpdate() > offered.lastUpdate()) {
            return false;
        }
        return offered.data().isEmpty() || !offered.data().equals(held.data());
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
