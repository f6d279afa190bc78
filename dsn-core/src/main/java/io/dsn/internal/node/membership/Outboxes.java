package io.dsn.internal.node.membership;

import io.dsn.internal.node.state.OwnState;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbox of every peer ({@link PeerOutbox}), which the node keeps across its stops: each
 * serving period gives it the sender its outboxes use, once, when it starts. A peer's outbox is
 * made at its first state, and emptied and forgotten when the peer is dropped.
 */
public final class Outboxes {

    /**
     * The outboxes of one serving period with the sender they use, swapped whole at a start, so that
     * a push never finds the new sender beside an outbox of the period before, or the reverse.
     * By node id, each for the very entry of the table it was made for (a peer dropped and admitted
     * again is another entry). Not by the entry itself: every write looks up the outbox of every
     * peer, a node id's hash is cached, and an entry's identity hash takes a slow path while its
     * lock is held.
     */
    private record Period(PeerOutbox.Sender sender, Map<String, PeerOutbox> byNodeId) {
    }

    private volatile Period period = new Period((peer, state) -> {
        throw new IllegalStateException("the node does not serve: no state is sent");
    }, new ConcurrentHashMap<>());

    /**
     * From now on states leave through {@code sender} (the node starts); the outboxes of the
     * serving period before are forgotten, and finish what they had in flight with theirs.
     */
    public void sendWith(PeerOutbox.Sender next) {
        period = new Period(next, new ConcurrentHashMap<>());
    }

    /** Queues this node's newest state for a peer; it leaves as soon as nothing else is in flight to it. */
    public void push(Peer peer, OwnState.Snapshot state) {
        Period current = period;
        PeerOutbox outbox = current.byNodeId().get(peer.nodeId());
        if (outbox == null || !outbox.isFor(peer)) {
            outbox = current.byNodeId().compute(peer.nodeId(), (nodeId, held) ->
                    held != null && held.isFor(peer) ? held : new PeerOutbox(peer, current.sender()));
        }
        outbox.offer(state);
    }

    /** Drops what is queued for a peer that was dropped, and its outbox. */
    void forget(Peer peer) {
        Map<String, PeerOutbox> byNodeId = period.byNodeId();
        PeerOutbox outbox = byNodeId.get(peer.nodeId());
        if (outbox != null && outbox.isFor(peer) && byNodeId.remove(peer.nodeId(), outbox)) {
            outbox.clear();
        }
    }

    /** Completes once no outbox holds a state or has a send in flight: the node stops, and flushes them first. */
    public CompletableFuture<Void> whenIdle() {
        return CompletableFuture.allOf(period.byNodeId().values().stream().map(PeerOutbox::whenIdle)
                .toArray(CompletableFuture[]::new));
    }
}
