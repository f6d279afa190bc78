package io.dsn.benchmarks.simulation;

import io.dsn.Endpoint;
import io.dsn.benchmarks.network.VanishingTransport;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The transport of one simulated host: an in-memory network's, counting what the node puts on the
 * network, and able to {@link #crash()} the way {@link VanishingTransport} does: its port closes
 * (requests to it are refused at once, as by a host whose process died) and nothing it sends
 * leaves, without the node saying LEAVE.
 */
final class HostTransport implements Transport {

    private final VanishingTransport network;
    private final MessageTally tally;

    HostTransport(Transport network, MessageTally tally) {
        this.network = new VanishingTransport(network);
        this.tally = tally;
    }

    @Override
    public int listen(String bindAddress, int port, RequestHandler handler) {
        return network.listen(bindAddress, port, handler);
    }

    @Override
    public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
        if (!network.vanished()) {
            tally.count(path);
        }
        return network.send(target, path, body, timeout);
    }

    /** The process dies: the port closes and nothing more is sent. */
    void crash() {
        network.crash();
    }

    @Override
    public void close() {
        network.close();
    }
}
