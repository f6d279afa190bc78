package io.dsn.transport;

/** Serves one request that reached the node's server. Must not throw; a bug may still, and is answered 500. */
@FunctionalInterface
public interface RequestHandler {

    /**
     * @param path the request path, such as {@code /hello}
     * @param body the request body (already checked against the size limit)
     * @param remoteAddress the IP address of the connection's other end
     */
    TransportResponse handle(String path, byte[] body, String remoteAddress);
}
