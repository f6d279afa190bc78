package io.dsn.transport;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real nodes over HTTP under the attacks measured against the JDK server: slow connections
 * beyond the server's thread count, and a flood of HELLOs from new ids. An honest peer's
 * updates go on, nobody honest is dropped, and the node's threads stay bounded.
 */
@ExtendWith(NetworkExtension.class)
class HttpTransportUnderAttackTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SERVER_THREADS = 2;

    @Test
    void slowHeadersSlowBodiesAndStalledLargeBodiesDoNotStopAnHonestPeersUpdates(TestNetwork network) throws Exception {
        TransportLimits limits = TransportLimits.DEFAULTS.withRequestHeadTimeout(Duration.ofSeconds(1))
                .withRequestReadTimeout(Duration.ofSeconds(2));
        DSNodeServer target = network.start(network.config("target").serverThreads(SERVER_THREADS).limits(limits).build());
        DSNodeServer honest = network.start("honest", target);
        int port = target.endpoint().port();

        List<RawConnection> hostile = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 5 * SERVER_THREADS; i++) {
                hostile.add(RawConnection.open(port).write("POST /update HTTP/1.1\r\n"));
                hostile.add(RawConnection.open(port).write("POST /update HTTP/1.1\r\nContent-Length: 1000\r\n\r\n12"));
                hostile.add(RawConnection.open(port).write("POST /update HTTP/1.1\r\nContent-Length: "
                        + 8 * 1024 * 1024 + "\r\n\r\n"));
            }
            // The first two kinds keep sending a byte now and then, as slow clients do.
            trickle.scheduleAtFixedRate(() -> {
                for (int i = 0; i < hostile.size(); i++) {
                    if (i % 3 != 2) {
                        try {
                            hostile.get(i).write("x");
                        } catch (IOException closed) {
                            // shed by the server: what the test waits for
                        }
                    }
                }
            }, 100, 100, TimeUnit.MILLISECONDS);

            for (int i = 0; i < 5; i++) {
                String value = "update " + i;
                honest.updateData("k", value);
                await().atMost(WAIT).untilAsserted(() -> assertThat(target.readData("honest", "k")).contains(value));
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(hostile)
                    .as("every slow connection is shed").allMatch(RawConnection::closedByServer));
            assertThat(target.peers()).contains("honest");
            assertThat(honest.peers()).contains("target");
        } finally {
            trickle.shutdownNow();
            for (RawConnection connection : hostile) {
                connection.close();
            }
        }
    }

    @Test
    void aFloodOfHellosFromNewIdsKeepsTheNodesThreadsBoundedAndDropsNoHonestPeer(TestNetwork network) throws Exception {
        DSNodeServer flooded = network.start(network.config("flooded").serverThreads(SERVER_THREADS).build());
        DSNodeServer honest = network.start("honest", flooded);
        int before = threadsOf("flooded");
        RawPeer insider = RawPeer.at(network, "insider", new Endpoint("127.0.0.1", 9));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger peak = new AtomicInteger(before);

        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "flood-" + i;
                sent.add(senders.submit(() -> {
                    int status = insider.send(flooded.endpoint(), MessageType.HELLO,
                            insider.signedHelloAs(id).encode()).status();
                    statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
                    peak.accumulateAndGet(threadsOf("flooded"), Math::max);
                }));
            }
            for (Future<?> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        // The node's own threads: its tick and events, at most SERVER_THREADS serving and two taking answers.
        assertThat(peak.get()).as("threads of the flooded node (before: %d)", before)
                .isLessThanOrEqualTo(before + SERVER_THREADS + 2);
        assertThat(statuses.keySet()).as("statuses of the HELLOs").isSubsetOf(200, 429);
        honest.updateData("k", "after the flood");
        await().atMost(WAIT).untilAsserted(() -> assertThat(flooded.readData("honest", "k")).contains("after the flood"));
        assertThat(flooded.peers()).contains("honest");
        assertThat(honest.peers()).contains("flooded");
    }

    private static int threadsOf(String nodeId) {
        String marker = "-" + nodeId + "-";
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().contains(marker))
                .count();
    }
}
