package io.dsn.internal.node.joining;

import io.dsn.Endpoint;
import io.dsn.internal.node.exchange.HelloExchange;
import io.dsn.internal.node.exchange.OutgoingCall;
import io.dsn.internal.node.exchange.UpdateExchange;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.OwnState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Meets nodes: HELLO unless the node is a peer already, then our state unless it has it. Whoever
 * asks (a join, the repair, a restart), at most {@value #IN_FLIGHT} meetings run at once, so a
 * node that learns of a hundred others at once does not greet them all at once; a node asked for
 * twice is met once. A node that could not be met is not tried again before its
 * {@link IntroductionBackoff} ends. At most {@code maxQueued} nodes wait.
 */
public final class Introductions {

    private static final Logger log = LoggerFactory.getLogger(Introductions.class);
    static final int IN_FLIGHT = 8;

    private record Meeting(String nodeId, Endpoint endpoint, CompletableFuture<Void> done) {
    }

    private final String ownNodeId;
    private final HelloExchange hello;
    private final UpdateExchange update;
    private final PeerTable peers;
    private final OwnState ownState;
    private final IntroductionBackoff backoff;
    private final Executor executor;
    private final int maxQueued;
    private final Queue<Meeting> queue = new ArrayDeque<>();
    private final Map<String, Meeting> waiting = new HashMap<>();
    private int running;
    private boolean stopped;

    public Introductions(String ownNodeId, HelloExchange hello, UpdateExchange update, PeerTable peers,
                         OwnState ownState, IntroductionBackoff backoff, Executor executor, int maxQueued) {
        this.ownNodeId = ownNodeId;
        this.hello = hello;
        this.update = update;
        this.peers = peers;
        this.ownState = ownState;
        this.backoff = backoff;
        this.executor = executor;
        this.maxQueued = maxQueued;
    }

    /** Meets every node of a listing (in its order); completes when each meeting is over or skipped. */
    CompletableFuture<Void> meetAll(Map<String, Endpoint> nodes) {
        List<CompletableFuture<Void>> meetings = new ArrayList<>();
        nodes.forEach((nodeId, endpoint) -> meetings.add(meet(nodeId, endpoint)));
        return CompletableFuture.allOf(meetings.toArray(CompletableFuture[]::new));
    }

    /** Meets a node when a lane is free; completes at once when it is skipped (own id, backoff, queue full, stop). */
    CompletableFuture<Void> meet(String nodeId, Endpoint endpoint) {
        return meet(nodeId, endpoint, false);
    }

    /**
     * Meets a node like {@link #meet}, whatever its backoff: the repair's one greeting of a former
     * peer, which the repair's own pace bounds, and which must not wait out a backoff grown during
     * a long partition.
     */
    CompletableFuture<Void> meetDespiteBackoff(String nodeId, Endpoint endpoint) {
        return meet(nodeId, endpoint, true);
    }

    private synchronized CompletableFuture<Void> meet(String nodeId, Endpoint endpoint, boolean despiteBackoff) {
        Meeting queued = waiting.get(nodeId);
        if (queued != null) {
            return queued.done();
        }
        if (stopped || nodeId.equals(ownNodeId) || waiting.size() >= maxQueued
                || !(despiteBackoff || backoff.mayTry(nodeId))) {
            return CompletableFuture.completedFuture(null);
        }
        Meeting meeting = new Meeting(nodeId, endpoint, new CompletableFuture<>());
        waiting.put(nodeId, meeting);
        queue.add(meeting);
        startWhatFits();
        return meeting.done();
    }

    /** Ends every meeting not begun yet, and takes no more: the node stops. */
    void cancel() {
        List<Meeting> dropped;
        synchronized (this) {
            stopped = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
            dropped.forEach(meeting -> waiting.remove(meeting.nodeId()));
        }
        dropped.forEach(meeting -> meeting.done().complete(null));
    }

    private void startWhatFits() {
        while (running < IN_FLIGHT && !queue.isEmpty()) {
            Meeting next = queue.poll();
            running++;
            try {
                // On the node's executor, so that a long run of meetings that end at once does not nest calls.
                executor.execute(() -> hold(next).whenComplete((ignored, error) -> finished(next)));
            } catch (RejectedExecutionException stopping) {
                running--;
                waiting.remove(next.nodeId());
                next.done().complete(null);
            }
        }
    }

    private void finished(Meeting meeting) {
        synchronized (this) {
            running--;
            waiting.remove(meeting.nodeId());
            startWhatFits();
        }
        meeting.done().complete(null);
    }

    /** Says HELLO to whatever node listens at an endpoint, and admits it. */
    CompletableFuture<Peer> greet(Endpoint endpoint) {
        return hello.greet(endpoint);
    }

    /** Sends a peer this node's state as it is now. */
    CompletableFuture<Void> sendOwnState(Peer peer) {
        return update.send(peer, ownState.current().packet());
    }

    private CompletableFuture<Void> hold(Meeting meeting) {
        Optional<Peer> known = peers.get(meeting.nodeId());
        if (known.isPresent() && known.get().deliveredTimestamp() >= ownState.current().lastUpdate()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Peer> peer = known.map(CompletableFuture::completedFuture)
                .orElseGet(() -> greet(meeting.endpoint()));
        return peer.thenCompose(this::sendOwnState)
                .handle((ignored, error) -> {
                    if (error == null) {
                        backoff.met(meeting.nodeId());
                    } else {
                        backoff.failed(meeting.nodeId());
                        log.debug("Meeting {} at {} failed: {}", meeting.nodeId(), meeting.endpoint(),
                                OutgoingCall.rootMessage(error));
                    }
                    return null;
                });
    }
}
