package io.dsn.transport;

import io.dsn.DSNEvent;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.runtime.VirtualTimeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Real nodes on the in-memory network in virtual time: no sockets, no waiting, the same run for the same seed. */
class VirtualTimeNetworkTest {

    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @TempDir
    Path credentials;

    @Test
    void aNetworkFormsSpreadsStateAndDropsABlackholedNodeInVirtualTime() {
        Run run = new Run(credentials.resolve("one"), 42);
        try {
            run.start(6);
            assertThat(run.runtime.runUntil(() -> run.everyNodeLists(6), Duration.ofSeconds(30)))
                    .as("every node lists all six").isTrue();

            run.nodes.get(3).updateData("temperature", "21.5");
            assertThat(run.runtime.runUntil(() -> run.nodes.stream()
                    .allMatch(n -> n.readData("node-3", "temperature").isPresent()), Duration.ofSeconds(5))).isTrue();

            run.network.blackhole(run.nodes.get(5).endpoint());
            assertThat(run.runtime.runUntil(() -> run.nodes.subList(0, 5).stream()
                    .noneMatch(n -> n.peers().contains("node-5")), Duration.ofSeconds(30)))
                    .as("the blackholed node is dropped by every other").isTrue();
            assertThat(run.events).anyMatch(line -> line.contains("PeerLeft[nodeId=node-5"));
        } finally {
            run.stop();
        }
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        List<String> first = traceOf(credentials.resolve("first"), 7);
        List<String> second = traceOf(credentials.resolve("second"), 7);

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    private static List<String> traceOf(Path dir, long seed) {
        Run run = new Run(dir, seed);
        try {
            run.start(4);
            run.runtime.runFor(Duration.ofSeconds(10));
            run.nodes.get(0).updateData("k", "v");
            run.network.blackhole(run.nodes.get(3).endpoint());
            run.runtime.runFor(Duration.ofSeconds(20));
            return List.copyOf(run.events);
        } finally {
            run.stop();
        }
    }

    /** A network of nodes on one virtual timeline, with every event they heard stamped with its virtual time. */
    private static final class Run {
        final VirtualTimeRuntime runtime;
        final InMemoryNetwork network;
        final Path dir;
        final List<DSNodeServer> nodes = new ArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        Run(Path dir, long seed) {
            this.dir = dir;
            this.runtime = new VirtualTimeRuntime(seed);
            this.network = new InMemoryNetwork(runtime);
        }

        void start(int count) {
            for (int i = 0; i < count; i++) {
                String id = "node-" + i;
                DSNodeConfig.Builder config = DSNodeConfig.builder().nodeId(id).port(0).aesKey(KEY)
                        .credentialDir(dir).tickInterval(Duration.ofSeconds(1))
                        .requestTimeout(Duration.ofMillis(500)).attempts(2).retryPause(Duration.ofMillis(100));
                if (!nodes.isEmpty()) {
                    config.addBootstrapNode(nodes.get(0).endpoint());
                }
                nodes.add(DSNodeServer.builder(config.build()).runtime(runtime).transport(network.transport())
                        .listener(event -> record(id, event)).start());
            }
        }

        void record(String id, DSNEvent event) {
            events.add(runtime.elapsed().toMillis() + " " + id + " " + event);
        }

        boolean everyNodeLists(int count) {
            return nodes.stream().allMatch(n -> n.peers().size() == count);
        }

        void stop() {
            nodes.forEach(DSNodeServer::stop);
            network.close();
        }
    }
}
