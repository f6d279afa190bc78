package io.dsn.transport;

import io.dsn.DSNConfigurationException;

import java.time.Duration;

/**
 * The bounds of {@link HttpTransport}: what one connection, one remote address or the whole
 * network may cost this node. Past a limit the transport sheds that connection or request, and
 * nothing else: an honest peer's exchanges go on.
 *
 * @param requestHeadTimeout time to read a request's line and headers, from its first byte
 * @param requestReadTimeout time to read a whole request, body included, from its first byte
 * @param idleTimeout how long a connection may stay open without a request; pooled outgoing
 *     connections are closed after half of it, before the other side's server closes them
 * @param maxConnections connections served at once; more are closed as they are accepted
 * @param maxConnectionsPerAddress connections served at once from one remote IP address
 * @param maxRequestsInFlight requests read and being answered at once; more are answered 503
 * @param maxOutgoingInFlight requests this node waits for an answer to at once; more fail at once
 * @param maxOutgoingPerPeer requests this node waits for an answer to from one peer at once
 * @param maxBufferedBytes bytes of request bodies held at once, being read or answered; a request
 *     that would need more is answered 503 (never less than the node's body limit)
 */
public record TransportLimits(Duration requestHeadTimeout, Duration requestReadTimeout, Duration idleTimeout,
                              int maxConnections, int maxConnectionsPerAddress, int maxRequestsInFlight,
                              int maxOutgoingInFlight, int maxOutgoingPerPeer, long maxBufferedBytes) {

    /** The defaults: generous for hundreds of honest peers, tight enough that no outsider holds the node. */
    public static final TransportLimits DEFAULTS = new TransportLimits(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 4096, 512, 256, 2048, 32, 64L * 1024 * 1024);

    /** @throws DSNConfigurationException naming the setting that is out of range */
    public TransportLimits {
        requirePositive(requestHeadTimeout, "request_head_timeout");
        requirePositive(requestReadTimeout, "request_read_timeout");
        requirePositive(idleTimeout, "idle_timeout");
        if (requestReadTimeout.compareTo(requestHeadTimeout) < 0) {
            throw new DSNConfigurationException("limits.request_read_timeout", "limits.request_read_timeout ("
                    + requestReadTimeout + ") must be at least limits.request_head_timeout (" + requestHeadTimeout + ")");
        }
        requireAtLeastOne(maxConnections, "max_connections");
        requireAtLeastOne(maxConnectionsPerAddress, "max_connections_per_address");
        requireAtLeastOne(maxRequestsInFlight, "max_requests_in_flight");
        requireAtLeastOne(maxOutgoingInFlight, "max_outgoing_in_flight");
        requireAtLeastOne(maxOutgoingPerPeer, "max_outgoing_per_peer");
        if (maxBufferedBytes < 1024) {
            throw new DSNConfigurationException("limits.max_buffered_bytes",
                    "limits.max_buffered_bytes must be at least 1024, was " + maxBufferedBytes);
        }
    }

    public TransportLimits withRequestHeadTimeout(Duration value) {
        return new TransportLimits(value, requestReadTimeout, idleTimeout, maxConnections, maxConnectionsPerAddress,
                maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withRequestReadTimeout(Duration value) {
        return new TransportLimits(requestHeadTimeout, value, idleTimeout, maxConnections, maxConnectionsPerAddress,
                maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withIdleTimeout(Duration value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, value, maxConnections,
                maxConnectionsPerAddress, maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withMaxConnections(int value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, value,
                maxConnectionsPerAddress, maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withMaxConnectionsPerAddress(int value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, maxConnections, value,
                maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withMaxRequestsInFlight(int value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, maxConnections,
                maxConnectionsPerAddress, value, maxOutgoingInFlight, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withMaxOutgoingInFlight(int value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, maxConnections,
                maxConnectionsPerAddress, maxRequestsInFlight, value, maxOutgoingPerPeer, maxBufferedBytes);
    }

    public TransportLimits withMaxOutgoingPerPeer(int value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, maxConnections,
                maxConnectionsPerAddress, maxRequestsInFlight, maxOutgoingInFlight, value, maxBufferedBytes);
    }

    public TransportLimits withMaxBufferedBytes(long value) {
        return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, maxConnections,
                maxConnectionsPerAddress, maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer, value);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new DSNConfigurationException("limits." + name, "limits." + name + " must be a positive duration, was "
                    + value);
        }
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new DSNConfigurationException("limits." + name, "limits." + name + " must be at least 1, was " + value);
        }
    }
}
