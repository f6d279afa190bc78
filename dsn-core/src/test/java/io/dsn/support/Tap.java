package io.dsn.support;

import io.dsn.Endpoint;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Records what a node sends, as an outsider on the wire would: every request body it posts and
 * the answer that came back. {@link #around} wraps the node's transports.
 */
public final class Tap {

    /** One exchange seen on the wire. */
    public record Exchange(Endpoint target, String path, byte[] request, TransportResponse answer) {
    }

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** The same transports, each recording what it sends into this tap. */
    public Supplier<Transport> around(Supplier<? extends Transport> transports) {
        return () -> {
            Transport inner = transports.get();
            return new Transport() {
                @Override
                public int listen(String bindAddress, int port, RequestHandler handler) {
                    return inner.listen(bindAddress, port, handler);
                }

                @Override
                public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body,
                                                                 Duration timeout) {
                    return inner.send(target, path, body, timeout).whenComplete((answer, error) -> {
                        if (answer != null) {
                            exchanges.add(new Exchange(target, path, body.clone(), answer));
                        }
                    });
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
    }

    /** The exchanges to one path, oldest first. */
    public List<Exchange> to(String path) {
        return exchanges.stream().filter(exchange -> exchange.path().equals(path)).toList();
    }
}
