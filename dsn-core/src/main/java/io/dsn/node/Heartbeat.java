package io.dsn.node;

import io.dsn.DSNMetrics;
import io.dsn.PeerLeft;
import io.dsn.protocol.StatePacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The periodic tick of PROTOCOL.md section 5: ping every peer and drop those that fail every
 * attempt, then gossip our state to one random peer so missed updates heal. A peer that answers
 * a ping but has not acknowledged our newest state gets it again. A node configured with
 * bootstrap nodes joins again whenever none of them is among its peers.
 */
final class Heartbeat implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final PeerTable peers;
    private final PeerExchanges exchanges;
    private final OwnState ownState;
    private final Bootstrapper bootstrapper;
    private final EventDispatcher events;
    private final DSNMetrics metrics;
    private final Executor workers;
    private final Random random;
    private final AtomicBoolean joining = new AtomicBoolean();
    private volatile boolean stopped;

    Heartbeat(PeerTable peers, PeerExchanges exchanges, OwnState ownState, Bootstrapper bootstrapper,
              EventDispatcher events, DSNMetrics metrics, Executor workers, Random random) {
        this.peers = peers;
        this.exchanges = exchanges;
        this.ownState = ownState;
        this.bootstrapper = bootstrapper;
        this.events = events;
        this.metrics = metrics;
        this.workers = workers;
        this.random = random;
    }

    @Override
    public void run() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the tick must survive anything.
            log.error("DSN tick failed", e);
        }
    }

    void stop() {
        stopped = true;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (bootstrapper.hasBootstrapNodes() && !bootstrapper.connectedToBootstrapNode()) {
            joinInBackground();
        }
        StatePacket own = ownState.current().packet();
        List<Peer> current = new ArrayList<>(peers.all());
        for (Peer peer : current) {
            check(peer, own);
        }
        if (!current.isEmpty()) {
            Peer chosen = current.get(random.nextInt(current.size()));
            chosen.outbox().offer(own);
        }
    }

    private void check(Peer peer, StatePacket own) {
        if (!peer.pingInFlight().compareAndSet(false, true)) {
            return;
        }
        exchanges.ping(peer).whenComplete((ok, error) -> {
            peer.pingInFlight().set(false);
            if (stopped) {
                return;
            }
            if (error == null) {
                if (peer.deliveredTimestamp() < own.lastUpdate()) {
                    peer.outbox().offer(ownState.current().packet());
                }
            } else if (peers.drop(peer)) {
                log.info("Dropped peer {} at {}: it did not answer PING", peer.nodeId(), peer.endpoint());
                metrics.peerDropped();
                events.publish(new PeerLeft(peer.nodeId(), PeerLeft.Reason.UNREACHABLE));
            }
        });
    }

    /** Retries the bootstrap off the tick thread, one attempt at a time. */
    void joinInBackground() {
        if (!joining.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    if (!stopped && !bootstrapper.connectedToBootstrapNode()) {
                        bootstrapper.join();
                    }
                } finally {
                    joining.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            joining.set(false);
        }
    }
}
