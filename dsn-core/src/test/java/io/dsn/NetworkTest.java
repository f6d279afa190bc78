package io.dsn;

import io.dsn.support.NetworkExtension;
import io.dsn.support.Recorded;
import io.dsn.support.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The behaviours the Python package's own suite checks, on real nodes over loopback. */
@ExtendWith(NetworkExtension.class)
class NetworkTest {

    TestNetwork network;

    @BeforeEach
    void setUp(TestNetwork network) {
        this.network = network;
    }

    @Test
    void oneNodeListsOnlyItself() {
        DSNodeServer a = network.start("a");

        assertThat(a.peers()).containsExactly("a");
        assertThat(a.endpoint().port()).isPositive();
        assertThat(a.readData("a", "missing")).isEmpty();
        a.updateData("k", "v");
        assertThat(a.readData("a", "k")).contains("v");
    }

    @Test
    void twoNodesSeeEachOther() {
        DSNodeServer a = network.start("a");
        DSNodeServer b = network.start("b", a);

        assertThat(b.peers()).containsExactlyInAnyOrder("a", "b");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(a.peers()).containsExactlyInAnyOrder("a", "b"));
    }

    @Test
    void tenNodesThroughOneBootstrapAllSeeAllEleven() {
        DSNodeServer bootstrap = network.start("bootstrap");
        List<DSNodeServer> nodes = new ArrayList<>(List.of(bootstrap));
        List<String> ids = new ArrayList<>(List.of("bootstrap"));
        for (int i = 0; i < 10; i++) {
            nodes.add(network.start("node-" + i, bootstrap));
            ids.add("node-" + i);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (DSNodeServer node : nodes) {
                assertThat(node.peers()).as(node.nodeId()).containsExactlyInAnyOrderElementsOf(ids);
            }
        });
    }

    @Test
    void writesReachPeersAndReadsAreLocal() {
        DSNodeServer a = network.start("a");
        DSNodeServer b = network.start("b", a);

        a.updateData("temperature", "21.5");
        b.updateData("humidity", "40");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(b.readData("a", "temperature")).contains("21.5");
            assertThat(a.readData("b", "humidity")).contains("40");
        });
        assertThat(b.readData("a", "humidity")).isEmpty();
        assertThat(b.readData("nobody", "temperature")).isEmpty();
    }

    @Test
    void severalKeysAndRemoval() {
        DSNodeServer a = network.start("a");
        DSNodeServer b = network.start("b", a);

        a.updateData("one", "1");
        a.updateData("two", "2");
        a.node().updateData(Map.of("three", "3", "four", "4"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.node().state("a")).containsOnly(
                        Map.entry("one", "1"), Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4")));

        a.node().removeData("two");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(b.node().state("a")).doesNotContainKey("two").containsKey("one"));
    }

    @Test
    void aStoppedNodeSaysItLeavesAndIsDroppedAtOnce() {
        Recorded a = network.startRecorded(network.config("a").build());
        DSNodeServer b = network.start("b", a.server());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.server().peers().contains("b"));

        b.stop();

        // At once: the LEAVE was answered before stop() returned, long before a's next tick could notice.
        assertThat(a.server().peers()).containsExactly("a");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("b", PeerLeft.Reason.LEFT)));
    }

    @Test
    void sendToNodeDeliversBytesAndReturnsOk() {
        Recorded a = network.startRecorded(network.config("a").build());
        DSNodeServer b = network.start("b", a.server());

        String reply = b.sendToNode("a", new byte[] {1, 2, 3});

        assertThat(reply).isEqualTo("OK");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(a.eventsOf(DataReceived.class)).containsExactly(new DataReceived("b", new byte[] {1, 2, 3})));
    }
}
