package io.dsn.transport;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts things in use (connections, requests) in all and per key (a remote address, a peer),
 * each against its limit: a new one is taken only when both counts are below their limits.
 * Keys whose count falls back to zero are forgotten, so the map holds only keys in use.
 */
final class CountsWithLimits<K> {

    /** Which limit stopped a new one. */
    enum Refusal { TOTAL, PER_KEY }

    private final int maxTotal;
    private final int maxPerKey;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<K, Integer> perKey = new ConcurrentHashMap<>();

    CountsWithLimits(int maxTotal, int maxPerKey) {
        this.maxTotal = maxTotal;
        this.maxPerKey = maxPerKey;
    }

    /** Counts one more for {@code key}; null when taken, else the limit that refused it (nothing counted). */
    Refusal tryTake(K key) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Refusal.TOTAL;
        }
        boolean[] taken = {false};
        perKey.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerKey) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            total.decrementAndGet();
            return Refusal.PER_KEY;
        }
        return null;
    }

    /** Gives back one taken for {@code key}. */
    void giveBack(K key) {
        perKey.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
        total.decrementAndGet();
    }

    int total() {
        return total.get();
    }

    int of(K key) {
        return perKey.getOrDefault(key, 0);
    }
}
