package io.dsn.internal.node.membership;

import io.dsn.internal.node.state.OwnState;
import io.dsn.internal.protocol.StatePacket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A peer's outbound queue of own states that keeps only the newest: a state is a whole
 * snapshot, so an older one still waiting is worthless once a newer one exists. At most one
 * send per peer is in flight, so a slow or dead peer holds back nobody but itself.
 */
final class PeerOutbox {

    /** Sends one state to a peer; the stage completes when the exchange is over, however it ended. */
    @FunctionalInterface
    public interface Sender {
        CompletionStage<?> send(Peer peer, StatePacket state);
    }

    private final Peer peer;
    private final Sender sender;
    private final AtomicReference<OwnState.Snapshot> pending = new AtomicReference<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile double lastSent = Double.NEGATIVE_INFINITY;
    private final List<CompletableFuture<Void>> idleWaiters = new ArrayList<>();

    /** An outbox for {@code peer} that sends with {@code sender}. */
    PeerOutbox(Peer peer, Sender sender) {
        this.peer = peer;
        this.sender = sender;
    }

    /** Whether this is the outbox of this very entry of the table. */
    boolean isFor(Peer entry) {
        return peer == entry;
    }

    /**
     * Queues a state for this peer, replacing any older one not yet sent, and sends it as soon as
     * no other send to this peer is in flight.
     */
    void offer(OwnState.Snapshot state) {
        pending.accumulateAndGet(state, (queued, offered) ->
                queued == null || offered.lastUpdate() >= queued.lastUpdate() ? offered : queued);
        drain();
    }

    /** Drops what is queued (the peer left). */
    void clear() {
        pending.set(null);
        notifyIfIdle();
    }

    /**
     * Completes once nothing is queued and no send is in flight (at once if so now): the node
     * stops, and flushes its outboxes first.
     */
    CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        synchronized (idleWaiters) {
            idleWaiters.add(idle);
        }
        notifyIfIdle();
        return idle;
    }

    private void notifyIfIdle() {
        if (sending.get() || pending.get() != null) {
            return;
        }
        List<CompletableFuture<Void>> waiting;
        synchronized (idleWaiters) {
            waiting = List.copyOf(idleWaiters);
            idleWaiters.clear();
        }
        waiting.forEach(idle -> idle.complete(null));
    }

    private void drain() {
        while (sending.compareAndSet(false, true)) {
            OwnState.Snapshot next = pending.getAndSet(null);
            // Two writers may offer out of order; a state older than one already sent is no news.
            // The same state again is allowed: gossip resends it on purpose.
            if (next != null && next.lastUpdate() >= lastSent) {
                lastSent = next.lastUpdate();
                // Signed here, when it leaves: a state replaced before it left was never signed.
                sendThenContinue(next.packet());
                return;
            }
            sending.set(false);
            if (pending.get() == null) {
                notifyIfIdle();
                return;
            }
        }
    }

    private void sendThenContinue(StatePacket state) {
        CompletionStage<?> sent;
        try {
            sent = sender.send(peer, state);
        } catch (RuntimeException e) {
            sending.set(false);
            throw e;
        }
        sent.whenComplete((ignored, error) -> {
            sending.set(false);
            drain();
        });
    }
}
