package io.dsn.benchmarks.network;

import io.dsn.transport.HttpTransport;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportLimits;

import java.time.Duration;

/**
 * How {@link ExchangeScenario} makes its transports: the only code of the scenario that depends
 * on {@link HttpTransport}'s constructor. To measure another version of the transport (the JDK
 * HttpServer/HttpClient one of commit 3a70815, say), this file is the one to adapt.
 */
final class ExchangeTransports {

    /** The node's default body limit; the scenario's bodies are far below it. */
    static final int MAX_BODY_SIZE = 16 * 1024 * 1024;

    private ExchangeTransports() {
    }

    /**
     * A transport with the node's default limits, except that {@code concurrency} requests may be
     * outstanding to one peer and in flight at its server (the defaults allow 32 and 256).
     */
    static Transport open(String name, int serverThreads, Duration timeout, int concurrency) {
        TransportLimits defaults = TransportLimits.DEFAULTS;
        TransportLimits limits = defaults
                .withMaxOutgoingPerPeer(Math.max(defaults.maxOutgoingPerPeer(), concurrency))
                .withMaxOutgoingInFlight(Math.max(defaults.maxOutgoingInFlight(), concurrency))
                .withMaxRequestsInFlight(Math.max(defaults.maxRequestsInFlight(), concurrency));
        return new HttpTransport(name, MAX_BODY_SIZE, serverThreads, timeout, limits);
    }
}
