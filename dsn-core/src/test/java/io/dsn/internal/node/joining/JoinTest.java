package io.dsn.internal.node.joining;

import io.dsn.DSNMetrics;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.SimulatedNetwork;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dsn.support.SimulatedNetwork.TICK;
import static org.assertj.core.api.Assertions.assertThat;

/** A join meets the nodes it learns of a few at a time. */
@ExtendWith(NetworkExtension.class)
class JoinTest {

    @Test
    void aJoiningNodeGreetsAtMostEightNodesAtOnceAndMeetsThemAll(SimulatedNetwork sim) {
        sim.network().setDelay(Duration.ofMillis(5), Duration.ofMillis(20));
        List<DSNodeServer> nodes = new ArrayList<>();
        nodes.add(sim.start("n00"));
        for (int i = 1; i < 16; i++) {
            nodes.add(sim.start(String.format("n%02d", i), nodes.get(0)));
        }
        sim.runFor(TICK);
        HellosInFlight counting = new HellosInFlight(sim.network().transport());

        DSNodeServer joiner = DSNodeServer.builder(sim.config("joiner", nodes.get(0)).build())
                .transports(() -> counting).runtime(sim.runtime()).metrics(DSNMetrics.NONE).create();
        try {
            joiner.startServing();
            sim.await("the joiner meets all 16", () -> joiner.peers().size() == 17, TICK.multipliedBy(3));
        } finally {
            joiner.stop();
        }

        assertThat(counting.hellos.get()).as("one HELLO to each node").isEqualTo(16);
        assertThat(counting.most.get()).as("HELLOs in flight at most").isEqualTo(Introductions.IN_FLIGHT);
    }

    /** Counts the HELLOs a node has in flight, and the most it ever had. */
    private static final class HellosInFlight implements Transport {
        private final Transport inner;
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger hellos = new AtomicInteger();

        HellosInFlight(Transport inner) {
            this.inner = inner;
        }

        @Override
        public int listen(String bindAddress, int port, RequestHandler handler) {
            return inner.listen(bindAddress, port, handler);
        }

        @Override
        public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
            if (!path.equals(MessageType.HELLO.path())) {
                return inner.send(target, path, body, timeout);
            }
            hellos.incrementAndGet();
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            return inner.send(target, path, body, timeout).whenComplete((response, error) -> now.decrementAndGet());
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
