package io.dsn.benchmarks.simulation.explore;

import io.dsn.Endpoint;
import io.dsn.internal.protocol.MessageType;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * An attacker on the wire: it keeps the first {@value #KEPT} UPDATE requests any node sent and
 * the latest {@value #KEPT}, as sent (sealed, signed), and replays some of them later from an
 * address of its own, to nodes of its choice. The nodes must take none of them as news: each is
 * a state its node has since replaced, or one the receiver already holds.
 */
final class Eavesdropper {

    private static final int KEPT = 32;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<Captured> first = new ArrayList<>();
    private final Deque<Captured> latest = new ArrayDeque<>();
    private final Transport own;

    private record Captured(String path, byte[] body) {
    }

    /** @param own the attacker's transport, at an address no node has */
    Eavesdropper(Transport own) {
        this.own = own;
    }

    /** A node's transport, tapped: what it sends is also kept here. */
    Transport tap(Transport node) {
        return new Transport() {
            @Override
            public int listen(String bindAddress, int port, RequestHandler handler) {
                return node.listen(bindAddress, port, handler);
            }

            @Override
            public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
                if (MessageType.fromPath(path).filter(type -> type == MessageType.UPDATE).isPresent()) {
                    keep(new Captured(path, body.clone()));
                }
                return node.send(target, path, body, timeout);
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }

    /** Replays {@code count} captured requests, each to one of {@code targets} (none before one was captured). */
    void replay(int count, List<Endpoint> targets, Random random) {
        List<Captured> kept = new ArrayList<>(first);
        kept.addAll(latest);
        if (kept.isEmpty() || targets.isEmpty()) {
            return;
        }
        for (int i = 0; i < count; i++) {
            Captured request = kept.get(random.nextInt(kept.size()));
            own.send(targets.get(random.nextInt(targets.size())), request.path(), request.body(), TIMEOUT);
        }
    }

    private void keep(Captured request) {
        if (first.size() < KEPT) {
            first.add(request);
            return;
        }
        if (latest.size() == KEPT) {
            latest.removeFirst();
        }
        latest.addLast(request);
    }
}
