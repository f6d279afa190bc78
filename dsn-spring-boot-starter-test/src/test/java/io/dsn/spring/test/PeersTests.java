package io.dsn.spring.test;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.PeerLeft;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Extra peers on the test's in-memory network: they join the application's node, exchange states, and are cut off. */
@InMemorySensorTest
@Import(PeersTests.PeerEvents.class)
class PeersTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    DSNTestNetwork network;

    @Autowired
    DSNodeServer server;

    @Autowired
    DSNode app;

    @Autowired
    PeerEvents events;

    @AfterEach
    void stopPeersAndHeal() {
        network.network().heal();
        network.peers().forEach(peer -> network.stopPeer(peer.nodeId()));
    }

    @Test
    void twoPeersJoinTheApplicationsNodeAndStatesTravelEveryWay() {
        DSNode one = network.startPeer("peer-1");
        DSNode two = network.startPeer("peer-2", builder -> builder.tickInterval(Duration.ofMillis(150)));

        assertThat(network.peers()).containsExactly(one, two);
        assertThat(one.endpoint()).isNotEqualTo(two.endpoint());
        assertThat(network.network().endpoints()).containsExactlyInAnyOrder(server.endpoint(), one.endpoint(), two.endpoint());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(app.peers()).containsExactlyInAnyOrder("app", "peer-1", "peer-2");
            assertThat(one.peers()).containsExactlyInAnyOrder("app", "peer-1", "peer-2");
            assertThat(two.peers()).containsExactlyInAnyOrder("app", "peer-1", "peer-2");
        });

        app.updateData("temperature", "21.5");
        two.updateData(Map.of("humidity", "40"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(one.readData("app", "temperature")).contains("21.5");
            assertThat(two.readData("app", "temperature")).contains("21.5");
            assertThat(app.readData("peer-2", "humidity")).contains("40");
            assertThat(one.readData("peer-2", "humidity")).contains("40");
        });
    }

    @Test
    void aPartitionedPeerIsDroppedAndItsWritesDoNotArriveUntilTheNetworkHeals() {
        DSNode one = network.startPeer("peer-1");
        DSNode two = network.startPeer("peer-2");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(app.peers()).containsExactlyInAnyOrder("app", "peer-1", "peer-2"));

        network.network().partition(Set.of(two.endpoint()), Set.of(server.endpoint(), one.endpoint()));
        two.updateData("humidity", "41");
        one.updateData("humidity", "39");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(app.peers()).containsExactlyInAnyOrder("app", "peer-1");
            assertThat(app.readData("peer-1", "humidity")).contains("39");
        });
        assertThat(app.readData("peer-2", "humidity")).isEmpty();

        network.network().heal();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(app.peers()).containsExactlyInAnyOrder("app", "peer-1", "peer-2");
            assertThat(app.readData("peer-2", "humidity")).contains("41");
        });
    }

    @Test
    void aStoppedPeerLeavesTheApplicationsNode() {
        network.startPeer("leaving");
        await().atMost(WAIT).untilAsserted(() -> assertThat(app.peers()).contains("leaving"));

        network.stopPeer("leaving");

        assertThat(network.peers()).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(app.peers()).containsExactly("app");
            assertThat(events.left).contains(new PeerLeft("leaving", PeerLeft.Reason.LEFT));
        });
    }

    @Test
    void badPeerIdsAreRefusedClearly() {
        network.startPeer("twice");

        assertThatThrownBy(() -> network.startPeer("twice")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'twice' runs already");
        assertThatThrownBy(() -> network.startPeer("app")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the application's node id");
        assertThatThrownBy(() -> network.startPeer(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not blank");
        assertThatThrownBy(() -> network.stopPeer("nobody")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No peer 'nobody'").hasMessageContaining("twice");
    }

    /** The PeerLeft events of the application, as its own listeners hear them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class PeerEvents {

        final List<PeerLeft> left = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PeerLeft event) {
            left.add(event);
        }
    }
}
