package io.dsn.transport;

import io.dsn.Endpoint;
import org.jspecify.annotations.Nullable;


/** Counts the requests this node waits for an answer to, in all and per peer, against their limits. */
final class OutgoingPermits {

    private final int maxInFlight;
    private final int maxPerPeer;
    private final CountsWithLimits<Endpoint> inFlight;

    OutgoingPermits(int maxInFlight, int maxPerPeer) {
        this.maxInFlight = maxInFlight;
        this.maxPerPeer = maxPerPeer;
        this.inFlight = new CountsWithLimits<>(maxInFlight, maxPerPeer);
    }

    /** Takes a permit for a request to {@code target}; returns why not when a limit is reached, null when taken. */
    @Nullable String tryAcquire(Endpoint target) {
        CountsWithLimits.Refusal refusal = inFlight.tryTake(target);
        if (refusal == null) {
            return null;
        }
        return refusal == CountsWithLimits.Refusal.TOTAL
                ? maxInFlight + " requests are waiting for an answer already (dsn.limits.max-outgoing-in-flight)"
                : maxPerPeer + " requests to " + target + " are waiting for an answer already"
                        + " (dsn.limits.max-outgoing-per-peer)";
    }

    void release(Endpoint target) {
        inFlight.giveBack(target);
    }
}
