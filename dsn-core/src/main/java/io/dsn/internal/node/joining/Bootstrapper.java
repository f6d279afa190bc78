package io.dsn.internal.node.joining;

import io.dsn.Endpoint;
import io.dsn.internal.node.exchange.OutgoingCall;
import io.dsn.internal.node.exchange.PeersExchange;
import io.dsn.internal.node.membership.AddressBook;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins the network and keeps it whole: HELLO to the first bootstrap endpoint that answers, UPDATE
 * with our state, then PEERS, and every node it lists is met ({@link Introductions}). The repair
 * does the same through any peer: nodes it lists that this node does not know are met, so an
 * introduction missed in a join storm, or a peer dropped by mistake, comes back. Never blocks: a
 * join is a future.
 */
public final class Bootstrapper {

    private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);

    private final Identity self;
    private final BootstrapNodes bootstrapNodes;
    private final Introductions introductions;
    private final PeersExchange peersExchange;
    private final PeerTable peers;
    private final Random random;
    private final Map<Endpoint, String> reached = new ConcurrentHashMap<>();
    /** In the order begun, so that a stop ends them in the same order in every run. */
    private final Set<CompletableFuture<Boolean>> joins = new LinkedHashSet<>();
    private volatile boolean lastJoinHadCandidates;

    /** {@code self} is this node, whose endpoint is never greeted as a bootstrap node. */
    public Bootstrapper(Identity self, BootstrapNodes bootstrapNodes, Introductions introductions,
                        PeersExchange peersExchange, PeerTable peers, Random random) {
        this.self = self;
        this.bootstrapNodes = bootstrapNodes;
        this.introductions = introductions;
        this.peersExchange = peersExchange;
        this.peers = peers;
        this.random = random;
    }

    public boolean hasBootstrapNodes() {
        return bootstrapNodes.any();
    }

    /**
     * Whether one of the bootstrap nodes is a peer now. When none is (they were all dropped, or
     * none ever answered) the node joins again: otherwise nodes that still have each other would
     * never find a bootstrap node that restarted.
     */
    public boolean connectedToBootstrapNode() {
        return reached.values().stream().anyMatch(nodeId -> peers.get(nodeId).isPresent());
    }

    /**
     * Tries each bootstrap endpoint in turn until one answers, then discovers the network
     * through it.
     *
     * @return a future of whether a bootstrap node answered; false at once when the node stops
     */
    public CompletableFuture<Boolean> join() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        synchronized (joins) {
            joins.add(result);
        }
        result.whenComplete((joined, error) -> {
            synchronized (joins) {
                joins.remove(result);
            }
        });
        List<Endpoint> candidates = bootstrapNodes.candidates(self);
        lastJoinHadCandidates = !candidates.isEmpty();
        tryFrom(candidates, 0, result);
        return result;
    }

    /**
     * Whether the last {@link #join()} had a node to try: false for the first node of a network, whose
     * bootstrap source lists no other node yet (nothing failed to answer).
     */
    public boolean lastJoinHadCandidates() {
        return lastJoinHadCandidates;
    }

    /** Ends every join in progress with false, and every meeting not begun yet, for a node that stops. */
    public void cancel() {
        introductions.cancel();
        List<CompletableFuture<Boolean>> pending;
        synchronized (joins) {
            pending = List.copyOf(joins);
        }
        pending.forEach(join -> join.complete(false));
    }

    private void tryFrom(List<Endpoint> bootstrapNodes, int index, CompletableFuture<Boolean> result) {
        if (result.isDone()) {
            return;
        }
        if (index >= bootstrapNodes.size()) {
            result.complete(false);
            return;
        }
        Endpoint endpoint = bootstrapNodes.get(index);
        introductions.greet(endpoint).whenComplete((bootstrap, error) -> {
            if (error != null) {
                log.debug("Bootstrap node {} did not answer: {}", endpoint, OutgoingCall.rootMessage(error));
                tryFrom(bootstrapNodes, index + 1, result);
                return;
            }
            reached.put(endpoint, bootstrap.nodeId());
            log.info("Joined the network through {} ({})", bootstrap.nodeId(), endpoint);
            introductions.sendOwnState(bootstrap)
                    .exceptionally(e -> logFailure("UPDATE to " + bootstrap.nodeId(), e))
                    .thenCompose(ignored -> discoverThrough(bootstrap))
                    .whenComplete((ignored, e) -> result.complete(true));
        });
    }

    /**
     * Meets every node of the address book that is not a peer now, as after a restart; those
     * that answer are peers again.
     */
    public CompletableFuture<Void> greetFormerPeers() {
        Map<String, Endpoint> former = new LinkedHashMap<>();
        formerPeers().forEach(entry -> former.put(entry.nodeId(), entry.endpoint()));
        if (!former.isEmpty()) {
            log.info("Greeting {} former peer(s) from the address book: {}", former.size(),
                    former.keySet().stream().limit(10).toList() + (former.size() > 10 ? " and more" : ""));
        }
        return introductions.meetAll(former);
    }

    /**
     * Greets one node of the address book that is not a peer now, chosen at random, as Serf
     * reconnects to failed members: two groups that a partition made drop each other, whose
     * bootstrap nodes are out of reach when it heals, find each other this way. The repair's pace
     * bounds these greetings, not the backoff of each node (which a long partition grows to
     * minutes).
     */
    public CompletableFuture<Void> reconnectOne() {
        List<AddressBook.Entry> former = formerPeers();
        if (former.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        AddressBook.Entry chosen = former.get(random.nextInt(former.size()));
        return introductions.meetDespiteBackoff(chosen.nodeId(), chosen.endpoint());
    }

    /** The nodes of the address book that are not peers now (this node left out). */
    private List<AddressBook.Entry> formerPeers() {
        List<AddressBook.Entry> former = new ArrayList<>();
        for (AddressBook.Entry entry : peers.known()) {
            if (!entry.nodeId().equals(self.nodeId()) && peers.get(entry.nodeId()).isEmpty()) {
                former.add(entry);
            }
        }
        return former;
    }

    /** Learns the address book of a peer and meets every node in it, in random order. */
    CompletableFuture<Void> discoverThrough(Peer peer) {
        return peersExchange.request(peer)
                .thenCompose(book -> introductions.meetAll(shuffled(book)))
                .exceptionally(e -> logFailure("PEERS from " + peer.nodeId(), e));
    }

    /**
     * Asks a peer for its address book and meets the nodes in it that this node does not know.
     *
     * @return a future of whether the peer listed any such node (false when the request failed)
     */
    public CompletableFuture<Boolean> repairThrough(Peer peer) {
        return peersExchange.request(peer).thenCompose(book -> {
            Map<String, Endpoint> unknown = new LinkedHashMap<>();
            book.forEach((nodeId, endpoint) -> {
                if (!nodeId.equals(self.nodeId()) && peers.get(nodeId).isEmpty()) {
                    unknown.put(nodeId, endpoint);
                }
            });
            if (!unknown.isEmpty()) {
                log.debug("{} listed {} node(s) this node does not know; meeting them", peer.nodeId(), unknown.size());
            }
            return introductions.meetAll(shuffled(unknown)).thenApply(ignored -> !unknown.isEmpty());
        }).exceptionally(e -> {
            logFailure("PEERS from " + peer.nodeId(), e);
            return false;
        });
    }

    /** In random order, so that nodes that all learn the same listing do not all greet its first node first. */
    private Map<String, Endpoint> shuffled(Map<String, Endpoint> book) {
        List<Map.Entry<String, Endpoint>> entries = new ArrayList<>(book.entrySet());
        Collections.shuffle(entries, random);
        Map<String, Endpoint> result = new LinkedHashMap<>();
        entries.forEach(entry -> result.put(entry.getKey(), entry.getValue()));
        return result;
    }

    private static Void logFailure(String what, Throwable e) {
        log.debug("{} failed: {}", what, OutgoingCall.rootMessage(e));
        return null;
    }
}
