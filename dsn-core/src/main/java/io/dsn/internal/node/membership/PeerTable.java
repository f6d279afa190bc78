package io.dsn.internal.node.membership;

import io.dsn.DSNMetrics;
import io.dsn.Endpoint;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.runtime.SimulatedBug;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The address book, and the only owner of membership: every peer this node knows, admitted,
 * re-admitted and dropped here and nowhere else, with the {@link PeerJoined} and
 * {@link PeerLeft} events that go with it. Every node ever linked stays in the
 * {@link AddressBook}, across drops and restarts, so that a validly signed UPDATE from one of them
 * can bring it back.
 */
public final class PeerTable {

    private static final Logger log = LoggerFactory.getLogger(PeerTable.class);

    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private final int maxPeers;
    private final AddressBook addressBook;
    private final EventDispatcher events;
    private final DSNMetrics metrics;
    private final Clock clock;
    private final Set<SimulatedBug> bugs;
    private final Outboxes outboxes;

    private boolean fullLogged;
    /** Changes after every admission, move and drop, once the table holds it. */
    private volatile long version;
    private volatile Listing listing = new Listing(-1, List.of());

    /** The peers ordered by id as they were at one {@link #version}. */
    public record Listing(long version, List<Peer> peers) {
    }

    /** {@code outboxes} are the peers' outboxes, each emptied when its peer is dropped. */
    /** @param bugs what a simulation broke in this node on purpose ({@link SimulatedBug}); none in a real one */
    public PeerTable(int maxPeers, AddressBook addressBook, EventDispatcher events, DSNMetrics metrics, Clock clock,
                     Outboxes outboxes, Set<SimulatedBug> bugs) {
        this.outboxes = outboxes;
        this.bugs = bugs;
        this.maxPeers = maxPeers;
        this.addressBook = addressBook;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Adds a node that proved its key, or moves a known one to the endpoint it now has.
     * Admissions and drops take turns, and each publishes its event once the table holds the
     * change: a listener that hears a join finds the node in the table, and never hears a join
     * and a leave of one node in the wrong order.
     */
    public synchronized Peer admit(String nodeId, Endpoint endpoint) {
        requireRoomFor(nodeId);
        addressBook.linked(nodeId, endpoint);
        Peer known = peers.get(nodeId);
        if (known != null) {
            if (!known.endpoint().equals(endpoint)) {
                known.moveTo(endpoint);
                version++;
            }
            known.heardFrom(clock.instant());
            return known;
        }
        Peer joined = new Peer(nodeId, endpoint, clock.instant(), addressBook.lastAccepted(nodeId), bugs);
        peers.put(nodeId, joined);
        version++;
        events.publish(new PeerJoined(nodeId, endpoint));
        return joined;
    }

    /**
     * Refuses a node that is not a peer when the table is full, with 429: a bound sheds new
     * nodes, never a peer the node has.
     */
    public synchronized void requireRoomFor(String nodeId) {
        if (peers.size() < maxPeers || peers.containsKey(nodeId)) {
            return;
        }
        if (!fullLogged) {
            fullLogged = true;
            log.warn("This node has {} peers, its limit (max_peers): new nodes are refused with 429 until one leaves",
                    maxPeers);
        }
        throw new ProtocolException(ProtocolException.TOO_MANY, "the table of peers is full");
    }

    /**
     * Brings back a node that is not in the table (dropped earlier, or known before a restart)
     * when its request came from the address the address book has for it; empty if it was never
     * linked or the request came from elsewhere (a node that moved says HELLO, signed, from its
     * new address; a state replayed by a third party must bring nobody back).
     */
    public Optional<Peer> readmit(String nodeId, String remoteAddress) {
        return addressBook.endpointOf(nodeId)
                .filter(known -> known.address().equals(remoteAddress))
                .map(known -> admit(nodeId, known));
    }

    /** A state of this peer was taken: remembered, so it survives drops and restarts. */
    public void accepted(Peer peer, double timestamp) {
        addressBook.accepted(peer.nodeId(), timestamp);
    }

    /** The newest timestamp taken from this node, across drops and restarts (0 when none). */
    public double lastAccepted(String nodeId) {
        return addressBook.lastAccepted(nodeId);
    }

    /** The nodes linked with before, in the table or not. */
    public List<AddressBook.Entry> known() {
        return addressBook.entries();
    }

    /** Notes the peers as seen and writes what is due of the address book (at each tick). */
    public void flush() {
        addressBook.seen(peers.keySet());
        addressBook.flush(false);
    }

    /** Writes everything that changed in the address book (at stop). */
    public void flushNow() {
        addressBook.flush(true);
    }

    /** Removes this very entry (not a newer one for the same id); true if it was in the table. */
    public synchronized boolean drop(Peer peer, PeerLeft.Reason reason) {
        if (reason == PeerLeft.Reason.UNREACHABLE && bugs.contains(SimulatedBug.NEVER_DROP_UNREACHABLE)) {
            return false;
        }
        if (!peers.remove(peer.nodeId(), peer)) {
            return false;
        }
        version++;
        events.publish(new PeerLeft(peer.nodeId(), reason));
        fullLogged = false;
        outboxes.forget(peer);
        log.info("Dropped peer {} at {}: {}", peer.nodeId(), peer.endpoint(), describe(reason));
        metrics.peerDropped();
        return true;
    }

    /** Notes that a peer just answered or sent a valid message: it is alive. */
    public void heardFrom(Peer peer) {
        peer.heardFrom(clock.instant());
    }

    /**
     * Notes a valid signed request of a peer, which proves it alive only when it came from the
     * peer's own address: anyone can replay a signed request, and must not keep a dead node listed.
     */
    public void heardFrom(Peer peer, String remoteAddress) {
        if (peer.endpoint().address().equals(remoteAddress)) {
            heardFrom(peer);
        }
    }

    public Optional<Peer> get(String nodeId) {
        return Optional.ofNullable(peers.get(nodeId));
    }

    public Collection<Peer> all() {
        return peers.values();
    }

    /** The peers ordered by id, for stable listings (unmodifiable). */
    public List<Peer> sorted() {
        return listing().peers();
    }

    /**
     * The peers ordered by id, with the version of the table they are from: sorted again only
     * after the table changed, since every tick and every PEERS request asks for it.
     */
    public Listing listing() {
        Listing current = listing;
        // Read before the table: a change made meanwhile leaves this listing older than the version.
        long now = version;
        if (current.version() == now) {
            return current;
        }
        List<Peer> list = new ArrayList<>(peers.values());
        list.sort(Comparator.comparing(Peer::nodeId));
        Listing fresh = new Listing(now, List.copyOf(list));
        listing = fresh;
        return fresh;
    }

    private static String describe(PeerLeft.Reason reason) {
        return switch (reason) {
            case UNREACHABLE -> "it did not answer PING";
            case LEFT -> "it said it is leaving";
        };
    }
}
