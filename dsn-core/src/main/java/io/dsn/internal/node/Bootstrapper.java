package io.dsn.internal.node;

import io.dsn.BootstrapSource;
import io.dsn.Endpoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Joins the network: HELLO to the first bootstrap endpoint that answers, UPDATE with our state,
 * then PEERS, and HELLO and UPDATE to every node it lists. Never blocks: a join is a future.
 */
final class Bootstrapper {

    private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);
    /** Former peers greeted at once after a restart; the rest wait their turn. */
    static final int GREETINGS_IN_FLIGHT = 8;

    private final String ownNodeId;
    private final List<Endpoint> bootstrapNodes;
    private final BootstrapSource discovered;
    private final @Nullable Endpoint ownEndpoint;
    private final HelloExchange hello;
    private final UpdateExchange update;
    private final PeersExchange peersExchange;
    private final PeerTable peers;
    private final OwnState ownState;
    private final Executor executor;
    private final Map<Endpoint, String> reached = new ConcurrentHashMap<>();
    /** In the order begun, so that a stop ends them in the same order in every run. */
    private final Set<CompletableFuture<Boolean>> joins = new LinkedHashSet<>();
    private volatile boolean stopped;

    Bootstrapper(String ownNodeId, List<Endpoint> bootstrapNodes, HelloExchange hello, UpdateExchange update,
                 PeersExchange peersExchange, PeerTable peers, OwnState ownState, Executor executor) {
        this(ownNodeId, bootstrapNodes, BootstrapSource.NONE, null, hello, update, peersExchange, peers, ownState,
                executor);
    }

    /**
     * @param discovered more nodes to join through, asked at each join, after {@code bootstrapNodes}
     * @param ownEndpoint this node's endpoint, never greeted as a bootstrap node (null: none to skip)
     */
    Bootstrapper(String ownNodeId, List<Endpoint> bootstrapNodes, BootstrapSource discovered,
                 @Nullable Endpoint ownEndpoint, HelloExchange hello, UpdateExchange update,
                 PeersExchange peersExchange, PeerTable peers, OwnState ownState, Executor executor) {
        this.executor = executor;
        this.ownNodeId = ownNodeId;
        this.bootstrapNodes = bootstrapNodes;
        this.discovered = discovered;
        this.ownEndpoint = ownEndpoint;
        this.hello = hello;
        this.update = update;
        this.peersExchange = peersExchange;
        this.peers = peers;
        this.ownState = ownState;
    }

    boolean hasBootstrapNodes() {
        return !bootstrapNodes.isEmpty() || discovered != BootstrapSource.NONE;
    }

    /** The configured bootstrap nodes, then those the source gives now, without this node's own endpoint. */
    private List<Endpoint> candidates() {
        if (discovered == BootstrapSource.NONE) {
            return bootstrapNodes;
        }
        Set<Endpoint> all = new LinkedHashSet<>(bootstrapNodes);
        try {
            all.addAll(discovered.endpoints());
        } catch (RuntimeException e) {
            log.warn("The bootstrap source of node {} failed: {}", ownNodeId, e.toString());
        }
        if (ownEndpoint != null) {
            all.remove(ownEndpoint);
        }
        return List.copyOf(all);
    }

    /**
     * Whether one of the bootstrap nodes is a peer now. When none is (they were all dropped, or
     * none ever answered) the node joins again: otherwise nodes that still have each other would
     * never find a bootstrap node that restarted.
     */
    boolean connectedToBootstrapNode() {
        return reached.values().stream().anyMatch(nodeId -> peers.get(nodeId).isPresent());
    }

    /**
     * Tries each bootstrap endpoint in turn until one answers, then discovers the network
     * through it.
     *
     * @return a future of whether a bootstrap node answered; false at once when the node stops
     */
    CompletableFuture<Boolean> join() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        synchronized (joins) {
            joins.add(result);
        }
        result.whenComplete((joined, error) -> {
            synchronized (joins) {
                joins.remove(result);
            }
        });
        tryFrom(candidates(), 0, result);
        return result;
    }

    /** Ends every join in progress with false, and the greeting of former peers, for a node that stops. */
    void cancel() {
        stopped = true;
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
        hello.greet(endpoint).whenComplete((bootstrap, error) -> {
            if (error != null) {
                log.debug("Bootstrap node {} did not answer: {}", endpoint, rootMessage(error));
                tryFrom(bootstrapNodes, index + 1, result);
                return;
            }
            reached.put(endpoint, bootstrap.nodeId());
            log.info("Joined the network through {} ({})", bootstrap.nodeId(), endpoint);
            update.send(bootstrap, ownState.current().packet())
                    .exceptionally(e -> logFailure("UPDATE to " + bootstrap.nodeId(), e))
                    .thenCompose(ignored -> discoverThrough(bootstrap))
                    .whenComplete((ignored, e) -> result.complete(true));
        });
    }

    /**
     * Greets every node of the address book that is not a peer now, as after a restart, and sends
     * it our state, {@value #GREETINGS_IN_FLIGHT} at a time; those that answer are peers again.
     */
    CompletableFuture<Void> greetFormerPeers() {
        Map<String, Endpoint> former = new LinkedHashMap<>();
        for (AddressBook.Entry entry : peers.known()) {
            if (!entry.nodeId().equals(ownNodeId) && peers.get(entry.nodeId()).isEmpty()) {
                former.put(entry.nodeId(), entry.endpoint());
            }
        }
        if (!former.isEmpty()) {
            log.info("Greeting {} former peer(s) from the address book: {}", former.size(),
                    former.keySet().stream().limit(10).toList() + (former.size() > 10 ? " and more" : ""));
        }
        Iterator<Map.Entry<String, Endpoint>> queue = former.entrySet().iterator();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < GREETINGS_IN_FLIGHT; i++) {
            lanes.add(meetNext(queue));
        }
        return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
    }

    /** Meets the queue's next node, then the one after, until the queue is empty or the node stops. */
    private CompletableFuture<Void> meetNext(Iterator<Map.Entry<String, Endpoint>> queue) {
        Map.Entry<String, Endpoint> next;
        synchronized (queue) {
            if (!queue.hasNext() || stopped) {
                return CompletableFuture.completedFuture(null);
            }
            next = queue.next();
        }
        // On the node's executor, so that a long run of meetings that fail at once does not nest calls.
        return meet(next.getKey(), next.getValue()).thenComposeAsync(ignored -> meetNext(queue), executor);
    }

    /** Learns the address book of a peer and introduces this node to every node in it. */
    CompletableFuture<Void> discoverThrough(Peer peer) {
        return peersExchange.request(peer)
                .thenCompose(this::meetAll)
                .exceptionally(e -> logFailure("PEERS from " + peer.nodeId(), e));
    }

    private CompletableFuture<Void> meetAll(Map<String, Endpoint> book) {
        List<CompletableFuture<Void>> meetings = new ArrayList<>();
        book.forEach((nodeId, endpoint) -> {
            if (!nodeId.equals(ownNodeId)) {
                meetings.add(meet(nodeId, endpoint));
            }
        });
        return CompletableFuture.allOf(meetings.toArray(CompletableFuture[]::new));
    }

    /** HELLO unless the node is a peer already, then UPDATE with our state; a failure is logged, never thrown. */
    private CompletableFuture<Void> meet(String nodeId, Endpoint endpoint) {
        CompletableFuture<Peer> known = peers.get(nodeId)
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> hello.greet(endpoint));
        return known
                .thenCompose(peer -> update.send(peer, ownState.current().packet()))
                .exceptionally(e -> logFailure("Meeting " + nodeId + " at " + endpoint, e));
    }

    private static Void logFailure(String what, Throwable e) {
        log.debug("{} failed: {}", what, rootMessage(e));
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = OutgoingCall.unwrap(e);
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }
}
