package io.dsn.transport;

import io.dsn.DSNConfigurationException;
import io.dsn.DSNSettings;

import java.time.Duration;

/**
 * The bounds of {@link HttpTransport}: what one connection, one remote address or the whole
 * network may cost this node. Past a limit the transport sheds that connection or request, and
 * nothing else: an honest peer's exchanges go on.
 *
 * @param requestHeadTimeout time to read a request's line and headers, from its first byte
 * @param requestReadTimeout time to read a whole request, body included, from its first byte
 * @param idleTimeout how long a connection may stay open without a request (a new one: until its first, at most
 *     {@code requestHeadTimeout}); pooled outgoing connections are closed after half of it, before the other
 *     side's server closes them
 * @param maxConnections connections served at once; more are closed as they are accepted. Also the most idle
 *     outgoing connections kept for reuse
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
    public static final TransportLimits DEFAULTS = new TransportLimits(
            DSNSettings.LIMITS_REQUEST_HEAD_TIMEOUT.defaultValue(), DSNSettings.LIMITS_REQUEST_READ_TIMEOUT.defaultValue(),
            DSNSettings.LIMITS_IDLE_TIMEOUT.defaultValue(), DSNSettings.LIMITS_MAX_CONNECTIONS.defaultValue(),
            DSNSettings.LIMITS_MAX_CONNECTIONS_PER_ADDRESS.defaultValue(),
            DSNSettings.LIMITS_MAX_REQUESTS_IN_FLIGHT.defaultValue(), DSNSettings.LIMITS_MAX_OUTGOING_IN_FLIGHT.defaultValue(),
            DSNSettings.LIMITS_MAX_OUTGOING_PER_PEER.defaultValue(), DSNSettings.LIMITS_MAX_BUFFERED_BYTES.defaultValue());

    /** @throws DSNConfigurationException naming the setting that is out of range */
    public TransportLimits {
        DSNSettings.LIMITS_REQUEST_HEAD_TIMEOUT.check(requestHeadTimeout);
        DSNSettings.LIMITS_REQUEST_READ_TIMEOUT.check(requestReadTimeout);
        DSNSettings.LIMITS_IDLE_TIMEOUT.check(idleTimeout);
        if (requestReadTimeout.compareTo(requestHeadTimeout) < 0) {
            Duration read = requestReadTimeout;
            Duration head = requestHeadTimeout;
            throw new DSNConfigurationException(DSNSettings.LIMITS_REQUEST_READ_TIMEOUT, naming -> "(" + read
                    + ") must be at least " + naming.nameOf(DSNSettings.LIMITS_REQUEST_HEAD_TIMEOUT) + " (" + head + ")");
        }
        DSNSettings.LIMITS_MAX_CONNECTIONS.check(maxConnections);
        DSNSettings.LIMITS_MAX_CONNECTIONS_PER_ADDRESS.check(maxConnectionsPerAddress);
        DSNSettings.LIMITS_MAX_REQUESTS_IN_FLIGHT.check(maxRequestsInFlight);
        DSNSettings.LIMITS_MAX_OUTGOING_IN_FLIGHT.check(maxOutgoingInFlight);
        DSNSettings.LIMITS_MAX_OUTGOING_PER_PEER.check(maxOutgoingPerPeer);
        DSNSettings.LIMITS_MAX_BUFFERED_BYTES.check(maxBufferedBytes);
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
}
