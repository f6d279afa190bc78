package io.dsn;

import io.dsn.runtime.NamedThreads;
import io.dsn.runtime.NodeThreads;
import io.dsn.support.NetworkExtension;
import io.dsn.support.TestNetwork;
import io.dsn.transport.InMemoryNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Bootstrap nodes from a source asked at each join, the node's threads from elsewhere, and exchanges observed from their start. */
@ExtendWith(NetworkExtension.class)
class BootstrapSourceAndThreadsTest {

    TestNetwork network;
    InMemoryNetwork memory;
    final List<DSNodeServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp(TestNetwork network) {
        this.network = network;
        this.memory = new InMemoryNetwork();
    }

    @AfterEach
    void tearDown() {
        servers.forEach(DSNodeServer::stop);
        memory.close();
    }

    private DSNodeServer start(DSNodeServer.Builder builder) {
        DSNodeServer server = builder.transports(memory::transport).start();
        servers.add(server);
        return server;
    }

    @Test
    void aNodeJoinsThroughTheNodesItsSourceGivesLaterAndSkipsItsOwnEndpoint() {
        AtomicReference<List<Endpoint>> given = new AtomicReference<>(List.of());
        DSNodeServer b = start(DSNodeServer.builder(network.config("b").build())
                .bootstrapSource(given::get));
        // Nothing to join through yet: the node runs alone and asks again at each tick.
        assertThat(b.peers()).containsExactly("b");

        DSNodeServer a = start(DSNodeServer.builder(network.config("a").build()));
        given.set(List.of(b.endpoint(), a.endpoint()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(b.peers()).containsExactlyInAnyOrder("a", "b");
            assertThat(a.peers()).containsExactlyInAnyOrder("a", "b");
        });
    }

    @Test
    void aNodeWithASourceButNoNetworkKeyIsRefusedBeforeItMakesKeys() {
        DSNodeServer.Builder builder = DSNodeServer.builder(network.config("b").aesKey(null).build())
                .bootstrapSource(List::of);

        assertThatThrownBy(builder::create).isInstanceOfSatisfying(DSNConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo("aes_key");
            assertThat(e.getMessage()).contains("bootstrap source");
        });
        assertThat(network.credentials().resolve("b")).doesNotExist();
    }

    @Test
    void theNodesTickAndEventsRunOnTheGivenThreadsAndItsExchangesAreObservedFromTheirStart() {
        ExecutorService application = Executors.newCachedThreadPool(NamedThreads.daemon("application"));
        try {
            List<String> observed = new CopyOnWriteArrayList<>();
            List<String> eventThreads = new CopyOnWriteArrayList<>();
            DSNMetrics metrics = new DSNMetrics() {
                @Override
                public Exchange exchangeStarted(Message message, Direction direction, String peer) {
                    String started = direction + " " + message;
                    return (outcome, status) -> observed.add(started + " " + outcome + " " + status);
                }
            };
            DSNodeServer a = start(DSNodeServer.builder(network.config("a").build())
                    .threads(NodeThreads.on(application)).metrics(metrics)
                    .listener(event -> eventThreads.add(Thread.currentThread().getName())));
            DSNodeServer b = start(DSNodeServer.builder(network.config("b", a).build()));

            b.updateData("k", "v");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(a.readData("b", "k")).contains("v");
                assertThat(observed).contains("INCOMING HELLO SUCCESS 200", "INCOMING UPDATE SUCCESS 200",
                        "OUTGOING UPDATE SUCCESS 200");
                assertThat(eventThreads).isNotEmpty().allMatch(name -> name.startsWith("application-"));
            });
        } finally {
            servers.forEach(DSNodeServer::stop);
            application.shutdownNow();
        }
    }
}
