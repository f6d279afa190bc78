package io.dsn.internal.node;

import io.dsn.internal.node.exchange.Liveness;
import io.dsn.internal.node.exchange.SuspectExchange;
import io.dsn.internal.node.joining.Bootstrapper;
import io.dsn.internal.node.membership.Outboxes;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.OwnState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The periodic tick (PROTOCOL.md section 5, "The tick of a Java node"): probe the next
 * {@value #PROBES_PER_TICK} peers of this node's random round ({@link Liveness}) and report those
 * that are dead ({@link SuspectExchange}); gossip our state to one random peer (one that lacks
 * it, if any) so missed updates heal; and every {@value #REPAIR_EVERY} ticks, or at the next tick
 * after a repair or a join turned up nodes, ask one random peer for its address book and meet
 * the nodes this node does not know, and greet one random node of its own address book that is
 * not a peer now. A node configured with bootstrap nodes joins again whenever
 * none of them is among its peers. A tick that comes {@value #LATE_TICKS} intervals or more after
 * the last one (the process was paused) sends our state to every peer.
 */
final class Heartbeat implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    /** Peers probed per tick, whatever the size of the network. */
    static final int PROBES_PER_TICK = 2;
    /** Ticks between two repairs while they turn up nothing new. */
    static final int REPAIR_EVERY = 5;
    /** A tick this many intervals after the last one comes after a pause of the process. */
    static final int LATE_TICKS = 3;

    private final PeerTable peers;
    private final Liveness liveness;
    private final SuspectExchange suspicions;
    private final Outboxes outboxes;
    private final OwnState ownState;
    private final Bootstrapper bootstrapper;
    private final Random random;
    private final LongSupplier nanoTime;
    private final long lateAfterNanos;
    private long lastTickNanos = Long.MIN_VALUE;
    private final AtomicBoolean joining = new AtomicBoolean();
    private final AtomicBoolean repairing = new AtomicBoolean();
    private volatile int ticksToRepair;
    private volatile boolean stopped;

    Heartbeat(PeerTable peers, Liveness liveness, SuspectExchange suspicions, Outboxes outboxes,
              OwnState ownState, Bootstrapper bootstrapper, Random random, LongSupplier nanoTime, Duration tick) {
        this.peers = peers;
        this.liveness = liveness;
        this.suspicions = suspicions;
        this.outboxes = outboxes;
        this.ownState = ownState;
        this.bootstrapper = bootstrapper;
        this.random = random;
        this.nanoTime = nanoTime;
        this.lateAfterNanos = tick.multipliedBy(LATE_TICKS).toNanos();
        // A random phase, so that nodes started together do not all repair at the same tick.
        this.ticksToRepair = 1 + random.nextInt(REPAIR_EVERY);
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
        liveness.stop();
    }

    /** Repairs at the next tick: a join just ended, and others may have joined meanwhile. */
    void repairSoon() {
        ticksToRepair = 1;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (bootstrapper.hasBootstrapNodes() && !bootstrapper.connectedToBootstrapNode()) {
            rejoin();
        }
        OwnState.Snapshot own = ownState.current();
        long now = nanoTime.getAsLong();
        if (lastTickNanos != Long.MIN_VALUE && now - lastTickNanos > lateAfterNanos) {
            resumedAfterPause(own);
        }
        lastTickNanos = now;
        for (Peer peer : liveness.due(PROBES_PER_TICK)) {
            check(peer);
        }
        List<Peer> all = peers.sorted();
        gossip(all, own);
        repairWhenDue(all);
        peers.flush();
    }

    private void check(Peer peer) {
        liveness.check(peer).thenAccept(outcome -> {
            if (stopped) {
                return;
            }
            switch (outcome) {
                case ALIVE -> {
                    OwnState.Snapshot own = ownState.current();
                    if (peer.deliveredTimestamp() < own.lastUpdate()) {
                        outboxes.push(peer, own);
                    }
                }
                case DROPPED -> suspicions.report(peer);
                case SKIPPED -> { }
            }
        });
    }

    /**
     * The process did not run for several ticks (a long GC, SIGSTOP, a suspended VM): its peers
     * have likely dropped it, and gossip, one peer a tick, would take a tick per peer to bring it
     * back. Our state to every peer at once re-admits it wherever it was dropped.
     */
    private void resumedAfterPause(OwnState.Snapshot own) {
        List<Peer> all = peers.sorted();
        log.info("This node did not run for more than {} ticks; it sends its state to its {} peers, which may have"
                + " dropped it", LATE_TICKS, all.size());
        for (Peer peer : all) {
            peer.holdsNoneOfOurStates();
            outboxes.push(peer, own);
        }
    }

    /** Our state to one random peer, preferring those not known to have it. */
    private void gossip(List<Peer> all, OwnState.Snapshot own) {
        if (all.isEmpty()) {
            return;
        }
        List<Peer> lacking = new ArrayList<>();
        for (Peer peer : all) {
            if (peer.deliveredTimestamp() < own.lastUpdate()) {
                lacking.add(peer);
            }
        }
        List<Peer> pool = lacking.isEmpty() ? all : lacking;
        outboxes.push(pool.get(random.nextInt(pool.size())), own);
    }

    /** Repairs through a random one of {@code all} when it is time, and greets a former peer. */
    private void repairWhenDue(List<Peer> all) {
        if (--ticksToRepair > 0 || !repairing.compareAndSet(false, true)) {
            return;
        }
        bootstrapper.reconnectOne();
        if (all.isEmpty()) {
            repairing.set(false);
            ticksToRepair = REPAIR_EVERY;
            return;
        }
        bootstrapper.repairThrough(all.get(random.nextInt(all.size()))).whenComplete((foundNodes, error) -> {
            ticksToRepair = Boolean.TRUE.equals(foundNodes) ? 1 : REPAIR_EVERY;
            repairing.set(false);
        });
    }

    /** Joins again, one attempt at a time. */
    private void rejoin() {
        if (joining.compareAndSet(false, true)) {
            bootstrapper.join().whenComplete((joined, error) -> joining.set(false));
        }
    }
}
