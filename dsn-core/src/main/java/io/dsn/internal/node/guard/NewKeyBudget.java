package io.dsn.internal.node.guard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many keys of nodes never seen before this node pins from HELLO requests: a bucket of
 * {@code perMinute} keys, refilled evenly over a minute. Anyone with the network key can make up
 * node ids, each a new pin file: this bounds how fast they grow. Time is the node runtime's
 * monotonic clock, so it works in virtual time.
 */
public final class NewKeyBudget {

    private static final Logger log = LoggerFactory.getLogger(NewKeyBudget.class);
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    private final LongSupplier nanoTime;
    private double available;
    private long refilledAt;
    private boolean everLogged;
    private long loggedAt;

    public NewKeyBudget(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.available = perMinute;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Takes one new key from the budget; false when it is spent, which is logged at most once a
     * minute (under a steady flood the budget refills one key at a time and is spent again at once).
     */
    public synchronized boolean take() {
        long now = nanoTime.getAsLong();
        available = Math.min(perMinute, available + (double) (now - refilledAt) * perMinute / MINUTE);
        refilledAt = now;
        if (available >= 1) {
            available--;
            return true;
        }
        if (!everLogged || now - loggedAt >= MINUTE) {
            everLogged = true;
            loggedAt = now;
            log.warn("More than {} nodes never seen before said HELLO within a minute: the next ones get 429 until"
                    + " the budget refills (new_keys_per_minute; a network this large needs a higher one)", perMinute);
        }
        return false;
    }
}
