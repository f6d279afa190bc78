package io.dsn.benchmarks.network;

import io.dsn.DSNListener;
import io.dsn.PeerLeft;
import io.dsn.PeerStateChanged;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a node and an honest peer see of each other through their listeners: whether either
 * dropped the other, and how long the peer's writes (made by a {@link RateWriter}) took to reach
 * the node's listener, apart for writes made before and inside a window.
 */
final class HonestPeerWatch {

    private final String nodeId;
    private final String peerId;
    private final FanoutScenario.Window window;
    private final Histogram outside = new Histogram();
    private final Histogram inside = new Histogram();
    private final AtomicLong lastSeq = new AtomicLong(-1);
    private volatile boolean peerDropped;
    private volatile boolean nodeDropped;

    HonestPeerWatch(String nodeId, String peerId, FanoutScenario.Window window) {
        this.nodeId = nodeId;
        this.peerId = peerId;
        this.window = window;
    }

    /** The listener of the node. */
    DSNListener nodeListener() {
        return event -> {
            if (event instanceof PeerLeft left && peerId.equals(left.nodeId())) {
                peerDropped = true;
            } else if (event instanceof PeerStateChanged changed && peerId.equals(changed.nodeId())) {
                long now = System.nanoTime();
                String writtenAt = changed.current().get("t");
                String seq = changed.current().get("seq");
                if (writtenAt == null || seq == null) {
                    return;
                }
                long at = Long.parseLong(writtenAt);
                (window.contains(at) ? inside : outside).record(now - at);
                lastSeq.accumulateAndGet(Long.parseLong(seq), Math::max);
            }
        };
    }

    /** The listener of the honest peer. */
    DSNListener peerListener() {
        return event -> {
            if (event instanceof PeerLeft left && nodeId.equals(left.nodeId())) {
                nodeDropped = true;
            }
        };
    }

    /** Waits until the node heard the peer's write {@code seq} (or a later one), at most {@code limit}. */
    boolean awaitSeq(long seq, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (lastSeq.get() < seq && System.nanoTime() < deadline) {
            ProcessStats.sleepQuietly(10);
        }
        return lastSeq.get() >= seq;
    }

    /** Whether the node ever dropped the peer. */
    boolean peerDropped() {
        return peerDropped;
    }

    /** Whether the peer ever dropped the node. */
    boolean nodeDropped() {
        return nodeDropped;
    }

    /** Delays of the writes made before the window opened (or after it closed). */
    Histogram delaysOutside() {
        return outside;
    }

    /** Delays of the writes made while the window was open. */
    Histogram delaysInside() {
        return inside;
    }
}
