package io.dsn.node;

import io.dsn.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Joins the network: HELLO to the first bootstrap endpoint that answers, UPDATE with our state,
 * then PEERS, and HELLO and UPDATE to every node it lists.
 */
final class Bootstrapper {

    private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);

    private final String ownNodeId;
    private final List<Endpoint> bootstrapNodes;
    private final PeerExchanges exchanges;
    private final PeerTable peers;
    private final OwnState ownState;
    private final Map<Endpoint, String> reached = new ConcurrentHashMap<>();

    Bootstrapper(String ownNodeId, List<Endpoint> bootstrapNodes, PeerExchanges exchanges, PeerTable peers, OwnState ownState) {
        this.ownNodeId = ownNodeId;
        this.bootstrapNodes = bootstrapNodes;
        this.exchanges = exchanges;
        this.peers = peers;
        this.ownState = ownState;
    }

    boolean hasBootstrapNodes() {
        return !bootstrapNodes.isEmpty();
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
     * Tries each bootstrap endpoint in turn until one answers. Blocks until the join is over or
     * the thread is interrupted.
     *
     * @return true if a bootstrap node answered
     */
    boolean join() {
        for (Endpoint endpoint : bootstrapNodes) {
            Peer bootstrap;
            try {
                bootstrap = exchanges.hello(endpoint).get();
            } catch (ExecutionException e) {
                log.debug("Bootstrap node {} did not answer: {}", endpoint, rootMessage(e));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            reached.put(endpoint, bootstrap.nodeId());
            log.info("Joined the network through {} ({})", bootstrap.nodeId(), endpoint);
            try {
                exchanges.sendState(bootstrap, ownState.current().packet())
                        .exceptionally(e -> logFailure("UPDATE to " + bootstrap.nodeId(), e))
                        .thenCompose(ignored -> discoverThrough(bootstrap))
                        .get();
            } catch (ExecutionException e) {
                logFailure("Discovery through " + bootstrap.nodeId(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
        return false;
    }

    /** Learns the address book of a peer and introduces this node to every node in it. */
    CompletableFuture<Void> discoverThrough(Peer peer) {
        return exchanges.requestPeers(peer)
                .thenCompose(this::meetAll)
                .exceptionally(e -> logFailure("PEERS from " + peer.nodeId(), e));
    }

    private CompletableFuture<Void> meetAll(Map<String, Endpoint> book) {
        List<CompletableFuture<Void>> meetings = new ArrayList<>();
        book.forEach((nodeId, endpoint) -> {
            if (nodeId.equals(ownNodeId)) {
                return;
            }
            CompletableFuture<Peer> known = peers.get(nodeId)
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> exchanges.hello(endpoint));
            meetings.add(known
                    .thenCompose(peer -> exchanges.sendState(peer, ownState.current().packet()))
                    .exceptionally(e -> logFailure("Meeting " + nodeId + " at " + endpoint, e)));
        });
        return CompletableFuture.allOf(meetings.toArray(CompletableFuture[]::new));
    }

    private static Void logFailure(String what, Throwable e) {
        log.debug("{} failed: {}", what, rootMessage(e));
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
