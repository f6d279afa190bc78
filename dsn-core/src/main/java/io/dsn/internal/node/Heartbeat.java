package io.dsn.internal.node;

import io.dsn.PeerLeft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    private final PingExchange ping;
    private final UpdateExchange update;
    private final OwnState ownState;
    private final LastTimestamp lastTimestamp;
    private final Bootstrapper bootstrapper;
    private final Random random;
    private final AtomicBoolean joining = new AtomicBoolean();
    private volatile boolean stopped;

    Heartbeat(PeerTable peers, PingExchange ping, UpdateExchange update, OwnState ownState,
              LastTimestamp lastTimestamp, Bootstrapper bootstrapper, Random random) {
        this.peers = peers;
        this.ping = ping;
        this.update = update;
        this.ownState = ownState;
        this.lastTimestamp = lastTimestamp;
        this.bootstrapper = bootstrapper;
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
            rejoin();
        }
        OwnState.Snapshot own = ownState.current();
        List<Peer> current = new ArrayList<>(peers.sorted());
        for (Peer peer : current) {
            check(peer, own);
        }
        if (!current.isEmpty()) {
            update.push(current.get(random.nextInt(current.size())), own);
        }
        peers.flush();
        lastTimestamp.write(own.lastUpdate());
    }

    private void check(Peer peer, OwnState.Snapshot own) {
        if (!peer.pingInFlight().compareAndSet(false, true)) {
            return;
        }
        ping.ping(peer).whenComplete((ok, error) -> {
            peer.pingInFlight().set(false);
            if (stopped) {
                return;
            }
            if (error == null) {
                if (peer.deliveredTimestamp() < own.lastUpdate()) {
                    update.push(peer, ownState.current());
                }
            } else {
                peers.drop(peer, PeerLeft.Reason.UNREACHABLE);
            }
        });
    }

    /** Joins again, one attempt at a time. */
    private void rejoin() {
        if (joining.compareAndSet(false, true)) {
            bootstrapper.join().whenComplete((joined, error) -> joining.set(false));
        }
    }
}
