package io.dsn.transport;

import io.dsn.Endpoint;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** One node's place on an {@link InMemoryNetwork}. */
final class InMemoryTransport implements Transport {

    private final InMemoryNetwork network;
    private final String address;
    /** In the order sent, so that closing fails them in an order that is the same in every run. */
    private final Set<CompletableFuture<TransportResponse>> inFlight = new LinkedHashSet<>();
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
        synchronized (inFlight) {
            inFlight.add(result);
        }
        result.whenComplete((response, error) -> {
            synchronized (inFlight) {
                inFlight.remove(result);
            }
        });
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
        List<CompletableFuture<TransportResponse>> pending;
        synchronized (inFlight) {
            pending = List.copyOf(inFlight);
        }
        for (CompletableFuture<TransportResponse> request : pending) {
            request.completeExceptionally(stopped);
        }
    }

    @Override
    public String toString() {
        return "InMemoryTransport[" + (endpoint == null ? address : endpoint) + "]";
    }
}
