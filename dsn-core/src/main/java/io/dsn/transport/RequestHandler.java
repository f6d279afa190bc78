package io.dsn.transport;

/** Serves one request that reached the node's server. Must not throw; a bug may still, and is answered 500. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @param path the request path, such as {@code /hello}
     * @param body the request body (within the transport's body limit; the handler holds it to its own)
     * @param remoteAddress the IP address of the connection's other end
     */
    TransportResponse handle(String path, byte[] body, String remoteAddress);

    /**
     * The largest request body this handler takes on {@code path}: it answers a larger one 413.
     * A transport that reads bodies from a connection stops reading one as soon as it is over the
     * smaller of this and its own body limit, and answers 413 itself. No limit by default.
     */
    default int bodyLimit(String path) {
        return Integer.MAX_VALUE;
    }
}
