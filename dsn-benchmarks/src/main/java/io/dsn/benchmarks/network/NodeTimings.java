package io.dsn.benchmarks.network;

import io.dsn.DSNodeConfig;

import java.time.Duration;

/**
 * The node timings a scenario runs with, from {@code --tick-ms --timeout-ms --attempts
 * --retry-pause-ms}; the node's own defaults where an option is absent.
 */
public record NodeTimings(Duration tick, Duration requestTimeout, int attempts, Duration retryPause) {

    public static NodeTimings from(Options options) {
        return new NodeTimings(
                options.millis("tick-ms", DSNodeConfig.DEFAULT_TICK_INTERVAL, 10, 600_000),
                options.millis("timeout-ms", DSNodeConfig.DEFAULT_REQUEST_TIMEOUT, 10, 600_000),
                options.intValue("attempts", DSNodeConfig.DEFAULT_ATTEMPTS, 1, 100),
                options.millis("retry-pause-ms", DSNodeConfig.DEFAULT_RETRY_PAUSE, 0, 600_000));
    }

    /** Sets these timings on a node's configuration. */
    public DSNodeConfig.Builder applyTo(DSNodeConfig.Builder config) {
        return config.tickInterval(tick).requestTimeout(requestTimeout).attempts(attempts).retryPause(retryPause);
    }

    /** The longest one exchange takes when every attempt times out: every timeout and the pauses between. */
    public Duration exchangeTimeout() {
        return requestTimeout.multipliedBy(attempts).plus(retryPause.multipliedBy(attempts - 1L));
    }
}
