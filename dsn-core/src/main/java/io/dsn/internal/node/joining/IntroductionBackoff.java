package io.dsn.internal.node.joining;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * When a node that could not be met may be tried again: after one tick, then two, four and so on
 * up to {@value #MAX_TICKS} ticks, each drawn between half and one and a half times that, so that
 * nodes that failed together are not retried together. At most {@value #MAX_NODES} nodes are
 * remembered (the oldest failure is forgotten first).
 */
public final class IntroductionBackoff {

    static final int MAX_TICKS = 64;
    static final int MAX_NODES = 4096;

    private record Failures(int count, long notBeforeNanos) {
    }

    private final long tickNanos;
    private final LongSupplier nanoTime;
    private final Random random;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_NODES;
        }
    };

    public IntroductionBackoff(Duration tick, LongSupplier nanoTime, Random random) {
        this.tickNanos = tick.toNanos();
        this.nanoTime = nanoTime;
        this.random = random;
    }

    /** Whether a node may be tried now. */
    synchronized boolean mayTry(String nodeId) {
        Failures known = failures.get(nodeId);
        return known == null || nanoTime.getAsLong() - known.notBeforeNanos() >= 0;
    }

    synchronized void failed(String nodeId) {
        Failures previous = failures.remove(nodeId);
        int count = previous == null ? 1 : previous.count() + 1;
        long ticks = Math.min(MAX_TICKS, 1L << Math.min(count - 1, 30));
        long wait = (long) (ticks * tickNanos * (0.5 + random.nextDouble()));
        failures.put(nodeId, new Failures(count, nanoTime.getAsLong() + wait));
    }

    synchronized void met(String nodeId) {
        failures.remove(nodeId);
    }
}
