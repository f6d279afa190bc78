package io.dsn.benchmarks.network;

import io.dsn.Endpoint;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A node's real transport that can make the node vanish the way a host does, without the node
 * knowing (so it says no LEAVE): {@link #crash()} closes its port, so the others' requests are
 * refused at once; {@link #blackhole()} keeps the port open but answers nothing, like a host that
 * lost power or a cut cable. Either way nothing the node sends arrives any more.
 */
public final class VanishingTransport implements Transport {

    private final Transport inner;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean vanished;
    private volatile boolean silent;

    public VanishingTransport(Transport inner) {
        this.inner = inner;
    }

    @Override
    public int listen(String bindAddress, int port, RequestHandler handler) {
        return inner.listen(bindAddress, port, new RequestHandler() {
            @Override
            public TransportResponse handle(String path, byte[] body, String remoteAddress) {
                if (silent) {
                    awaitClose();
                }
                return handler.handle(path, body, remoteAddress);
            }

            @Override
            public int bodyLimit(String path) {
                return handler.bodyLimit(path);
            }
        });
    }

    @Override
    public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
        if (vanished) {
            return CompletableFuture.failedFuture(new IOException("this host vanished"));
        }
        return inner.send(target, path, body, timeout);
    }

    /** Whether the host crashed or was blackholed: nothing it sends arrives. */
    public boolean vanished() {
        return vanished;
    }

    /** The port closes: requests to it are refused. */
    public void crash() {
        vanished = true;
        inner.close();
    }

    /** The port stays open, and no request to it is ever answered. */
    public void blackhole() {
        vanished = true;
        silent = true;
    }

    /** Holds a request unanswered until the transport closes (bounded by the benchmark's own run). */
    private void awaitClose() {
        try {
            closed.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        inner.close();
    }
}
