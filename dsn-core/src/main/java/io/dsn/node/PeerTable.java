package io.dsn.node;

import io.dsn.Endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The address book: every peer this node knows, with its state. Peers that were dropped are
 * remembered by endpoint so that a validly signed UPDATE from one of them can bring it back.
 */
final class PeerTable {

    /** The result of admitting a node: its entry, and whether it is new to the table. */
    record Admission(Peer peer, boolean joined) {
    }

    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> departed = new ConcurrentHashMap<>();
    private final PeerOutbox.Sender sender;

    PeerTable(PeerOutbox.Sender sender) {
        this.sender = sender;
    }

    /** Adds a node, or moves a known one to the endpoint it now has. */
    Admission admit(String nodeId, Endpoint endpoint, Instant now) {
        boolean[] joined = {false};
        Peer peer = peers.compute(nodeId, (id, known) -> {
            if (known != null) {
                known.moveTo(endpoint);
                known.heardFrom(now);
                return known;
            }
            joined[0] = true;
            return new Peer(id, endpoint, now, sender);
        });
        if (joined[0]) {
            departed.remove(nodeId);
        }
        return new Admission(peer, joined[0]);
    }

    /** Brings back a dropped node at its last known endpoint; empty if it was never in the table. */
    Optional<Admission> readmit(String nodeId, Instant now) {
        Endpoint endpoint = departed.get(nodeId);
        return endpoint == null ? Optional.empty() : Optional.of(admit(nodeId, endpoint, now));
    }

    /** Removes this very entry (not a newer one for the same id); true if it was in the table. */
    boolean drop(Peer peer) {
        if (peers.remove(peer.nodeId(), peer)) {
            departed.put(peer.nodeId(), peer.endpoint());
            peer.outbox().clear();
            return true;
        }
        return false;
    }

    Optional<Peer> get(String nodeId) {
        return Optional.ofNullable(peers.get(nodeId));
    }

    Collection<Peer> all() {
        return peers.values();
    }

    /** The peers ordered by id, for stable listings. */
    List<Peer> sorted() {
        List<Peer> list = new ArrayList<>(peers.values());
        list.sort(Comparator.comparing(Peer::nodeId));
        return list;
    }

    boolean isEmpty() {
        return peers.isEmpty();
    }

    int size() {
        return peers.size();
    }
}
