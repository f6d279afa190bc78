package io.dsn.internal.node.exchange;

import io.dsn.DSNodeConfig;

import java.time.Duration;
import java.util.Random;

/**
 * How the call path sends: the timeout of each attempt, how many attempts a call gets, and the
 * pause before a retry.
 */
public record CallSettings(Duration timeout, int attempts, Duration retryPause) {

    public static CallSettings of(DSNodeConfig config) {
        return new CallSettings(config.requestTimeout(), config.attempts(), config.retryPause());
    }

    /**
     * The pause before a retry, jittered between half the configured pause and all of it, so that
     * the requests of many nodes that failed together, in a join storm say, do not come back together.
     */
    long retryPauseNanos(Random random) {
        return retryPause.toNanos() / 2 + (long) (random.nextDouble() * (retryPause.toNanos() / 2));
    }
}
