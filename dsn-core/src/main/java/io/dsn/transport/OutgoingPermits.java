package io.dsn.transport;

import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.dsn.Endpoint;
import org.jspecify.annotations.Nullable;


/** Counts the requests this node waits for an answer to, in all and per peer, against their limits. */
final class OutgoingPermits {

    private final int maxInFlight;
    private final int maxPerPeer;
    private final CountsWithLimits<Endpoint> inFlight;

    /** The limits' settings as the node's user names them. */
    private final String inFlightName;
    private final String perPeerName;

    OutgoingPermits(int maxInFlight, int maxPerPeer, DSNSettingNaming naming) {
        this.inFlightName = naming.nameOf(DSNSettings.LIMITS_MAX_OUTGOING_IN_FLIGHT);
        this.perPeerName = naming.nameOf(DSNSettings.LIMITS_MAX_OUTGOING_PER_PEER);
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
                ? maxInFlight + " requests are waiting for an answer already (" + inFlightName + ")"
                : maxPerPeer + " requests to " + target + " are waiting for an answer already (" + perPeerName + ")";
    }

    void release(Endpoint target) {
        inFlight.giveBack(target);
    }
}
