package io.dsn.transport;

import io.dsn.Endpoint;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Moves request bodies between nodes: serves this node's requests and sends requests to others.
 * {@link HttpTransport} is the real one.
 */
public interface Transport extends AutoCloseable {

    /**
     * Starts serving requests. A transport that wraps another hands on the handler's
     * {@link RequestHandler#bodyLimit} too, or the one it wraps reads bodies the node refuses.
     *
     * @param bindAddress the local address to listen on
     * @param port the port, 0 for any free one
     * @return the port it listens on
     * @throws io.dsn.PortInUseException when the port is taken
     */
    int listen(String bindAddress, int port, RequestHandler handler);

    /**
     * Sends one request. The future fails with an exception when no response arrived in time or
     * the connection failed; any HTTP status completes it normally.
     */
    CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout);

    /** Stops serving and sending at once; the port is free when this returns. */
    @Override
    void close();
}
