package io.dsn.transport;

import io.dsn.Endpoint;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the requests this node waits for an answer to, in all and per peer, against their limits. */
final class OutgoingPermits {

    private final int maxInFlight;
    private final int maxPerPeer;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentHashMap<Endpoint, Integer> perPeer = new ConcurrentHashMap<>();

    OutgoingPermits(int maxInFlight, int maxPerPeer) {
        this.maxInFlight = maxInFlight;
        this.maxPerPeer = maxPerPeer;
    }

    /** Takes a permit for a request to {@code target}; returns why not when a limit is reached, null when taken. */
    @Nullable String tryAcquire(Endpoint target) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return maxInFlight + " requests are waiting for an answer already (dsn.limits.max-outgoing-in-flight)";
        }
        boolean[] taken = {false};
        perPeer.compute(target, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerPeer) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            inFlight.decrementAndGet();
            return maxPerPeer + " requests to " + target + " are waiting for an answer already"
                    + " (dsn.limits.max-outgoing-per-peer)";
        }
        return null;
    }

    void release(Endpoint target) {
        perPeer.computeIfPresent(target, (key, count) -> count == 1 ? null : count - 1);
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
