package io.dsn.internal.node.exchange;

import io.dsn.PeerLeft;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether peers are alive (PROTOCOL.md section 5, "Liveness of Java nodes"): which peers a tick
 * probes, and how a probe decides.
 *
 * <p>A tick probes only a few peers, the next of a round through all of them in random order
 * (SWIM's round-robin probing), not every peer: the cost per node and tick does not grow with the
 * network. Any valid message from a peer, request or answer, proves it alive. A probe is one PING; when it gets no answer, the remaining attempts go out at
 * once rather than one after another, so that a peer that vanished without closing its port is
 * known dead after two request timeouts. A peer another node reported gets every attempt at once:
 * one request timeout, even while a probe of our own waits for its first attempt (one such check
 * per peer at a time). A peer that answers at all, even "too busy" (429, 503), is alive; so is one
 * heard from while the probe ran. A dead peer is dropped.
 */
public final class Liveness {

    /** What a check found. */
    public enum Outcome {
        /** The peer answered, or was heard from meanwhile. */
        ALIVE,
        /** Every attempt failed: the peer was dropped. */
        DROPPED,
        /** A check of the same kind was under way already, the peer was dropped meanwhile, or the node stops. */
        SKIPPED
    }

    private final PeerTable peers;
    private final PingExchange ping;
    private final int attempts;
    private final Random random;
    /** The ids still to probe in this round. */
    private final Queue<String> round = new ArrayDeque<>();
    private volatile boolean stopped;

    public Liveness(PeerTable peers, PingExchange ping, int attempts, Random random) {
        this.peers = peers;
        this.ping = ping;
        this.attempts = attempts;
        this.random = random;
    }

    /**
     * The next {@code count} peers of this node's round, skipping those being checked: every peer
     * once per round, in an order shuffled anew for each round. Each node has its own order, so a
     * dead peer is probed by about {@code count} nodes a tick, whatever the size of the network, and
     * by each node within one round.
     */
    public synchronized List<Peer> due(int count) {
        List<Peer> due = new ArrayList<>();
        boolean refilled = false;
        while (due.size() < count) {
            if (round.isEmpty()) {
                if (refilled) {
                    break;
                }
                refilled = true;
                List<String> ids = new ArrayList<>();
                peers.sorted().forEach(peer -> ids.add(peer.nodeId()));
                Collections.shuffle(ids, random);
                round.addAll(ids);
            }
            String next = round.poll();
            if (next == null) {
                break;
            }
            peers.get(next).filter(peer -> !peer.pingInFlight().get() && !peer.reportedCheckInFlight().get()
                    && !due.contains(peer)).ifPresent(due::add);
        }
        return due;
    }

    /** Probes a peer and drops it if it is dead; one probe per peer at a time. */
    public CompletableFuture<Outcome> check(Peer peer) {
        return check(peer, false);
    }

    /**
     * Like {@link #check(Peer)} for a peer another node reported: every attempt goes out at once,
     * even while a probe of our own waits for its first attempt (it could wait a request timeout
     * longer than this check), and the peer is not probed by the round meanwhile.
     */
    CompletableFuture<Outcome> checkReported(Peer peer) {
        return check(peer, true);
    }

    private CompletableFuture<Outcome> check(Peer peer, boolean reported) {
        AtomicBoolean inFlight = reported ? peer.reportedCheckInFlight() : peer.pingInFlight();
        if (stopped || !inFlight.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(Outcome.SKIPPED);
        }
        Instant began = peer.lastHeardFrom();
        CompletableFuture<Boolean> probe = reported ? anyAnswers(peer, attempts) : probe(peer);
        return probe.thenApply(answered -> {
            inFlight.set(false);
            if (stopped) {
                return Outcome.SKIPPED;
            }
            if (answered || peer.lastHeardFrom().isAfter(began)) {
                return Outcome.ALIVE;
            }
            return peers.drop(peer, PeerLeft.Reason.UNREACHABLE) ? Outcome.DROPPED : Outcome.SKIPPED;
        });
    }

    /** Ends every decision: a stopping node drops nobody. */
    public void stop() {
        stopped = true;
    }

    private CompletableFuture<Boolean> probe(Peer peer) {
        return pingOnce(peer).thenCompose(answered -> answered || attempts <= 1
                ? CompletableFuture.completedFuture(answered)
                : anyAnswers(peer, attempts - 1));
    }

    /** Sends {@code count} PINGs at once; true as soon as one is answered, false once all failed. */
    private CompletableFuture<Boolean> anyAnswers(Peer peer, int count) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            pingOnce(peer).thenAccept(answered -> {
                if (answered) {
                    result.complete(true);
                } else if (failed.incrementAndGet() == count) {
                    result.complete(false);
                }
            });
        }
        return result;
    }

    /** One PING; true when the peer answered it, busy or not. */
    private CompletableFuture<Boolean> pingOnce(Peer peer) {
        return ping.pingOnce(peer).handle((ok, error) -> error == null
                || OutgoingCall.refusedWith(error, ProtocolException.TOO_MANY)
                || OutgoingCall.refusedWith(error, 503));
    }
}
