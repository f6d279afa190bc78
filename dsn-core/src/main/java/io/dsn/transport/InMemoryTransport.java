package io.dsn.transport;

import io.dsn.Endpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** One node's place on an {@link InMemoryNetwork}. */
final class InMemoryTransport implements Transport {

    private final InMemoryNetwork network;
    private final String address;
    private final Set<CompletableFuture<TransportResponse>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Endpoint endpoint;
    private volatile boolean closed;

    InMemoryTransport(InMemoryNetwork network, String address) {
        this.network = network;
        this.address = address;
    }

    @Override
    public synchronized int listen(String bindAddress, int port, RequestHandler handler) {
        if (closed) {
            throw new IllegalStateException("transport closed");
        }
        if (endpoint != null) {
            throw new IllegalStateException("already listening at " + endpoint);
        }
        endpoint = network.listen(address, port, handler);
        return endpoint.port();
    }

    @Override
    public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("transport closed"));
        }
        CompletableFuture<TransportResponse> result = network.send(endpoint, address, target, path, body, timeout);
        inFlight.add(result);
        result.whenComplete((response, error) -> inFlight.remove(result));
        if (closed) {
            result.completeExceptionally(new IOException("transport closed"));
        }
        return result;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (endpoint != null) {
            network.unlisten(endpoint);
        }
        IOException stopped = new IOException("transport closed");
        for (CompletableFuture<TransportResponse> pending : List.copyOf(inFlight)) {
            pending.completeExceptionally(stopped);
        }
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + (endpoint == null ? address : endpoint) + "]";
    }
}
