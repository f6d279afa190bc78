package io.dsn.benchmarks.network;

import io.dsn.DSNListener;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Follows what each node knows from its own {@link PeerJoined} and {@link PeerLeft} events: how
 * many nodes list every one of the {@code total} nodes, and which drops happened.
 */
public final class MeshTracker {

    private final int total;
    private final AtomicInteger complete = new AtomicInteger();
    private final List<String> drops = new CopyOnWriteArrayList<>();
    private final IntConsumer onCompleteChanged;
    private final DropListener onDrop;

    /** Told about every drop: who dropped whom. */
    @FunctionalInterface
    public interface DropListener {
        void dropped(String nodeId, String peerId);
    }

    public MeshTracker(int total) {
        this(total, count -> { }, (node, peer) -> { });
    }

    public MeshTracker(int total, IntConsumer onCompleteChanged, DropListener onDrop) {
        this.total = total;
        this.onCompleteChanged = onCompleteChanged;
        this.onDrop = onDrop;
    }

    /** The listener for one node; events of one node arrive on one thread, in order. */
    public DSNListener listenerFor(String nodeId) {
        Set<String> known = ConcurrentHashMap.newKeySet();
        boolean[] counted = {false};
        return event -> {
            if (event instanceof PeerJoined joined) {
                known.add(joined.nodeId());
            } else if (event instanceof PeerLeft left) {
                known.remove(left.nodeId());
                drops.add(nodeId + " dropped " + left.nodeId());
                onDrop.dropped(nodeId, left.nodeId());
            } else {
                return;
            }
            boolean full = known.size() == total - 1;
            if (full != counted[0]) {
                counted[0] = full;
                onCompleteChanged.accept(full ? complete.incrementAndGet() : complete.decrementAndGet());
            }
        };
    }

    /** Nodes whose events say they know every other node. */
    public int complete() {
        return complete.get();
    }

    public List<String> drops() {
        return List.copyOf(drops);
    }
}
