package io.dsn;

import io.dsn.support.NetworkExtension;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import io.dsn.support.TestNetwork;
import io.dsn.transport.InMemoryNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A node that stops and starts again, as a container or a paused test context wants: the same
 * identity, state and port, and its peers have it back.
 */
@ExtendWith(NetworkExtension.class)
class StopAndStartAgainTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void aStoppedNodeStartsAgainOnTheSamePortWithItsIdentityAndState(TestNetwork network) throws Exception {
        DSNodeServer a = network.start("a");
        DSNodeServer b = network.start("b", a);
        b.updateData("k", "before");
        await().atMost(SOON).until(() -> a.readData("b", "k").isPresent());
        int port = b.endpoint().port();
        Path privateKey = network.credentials().resolve("b").resolve("b.key");
        byte[] key = Files.readAllBytes(privateKey);

        b.stop();
        assertThat(b.isServing()).isFalse();
        b.startServing();

        assertThat(b.isServing()).isTrue();
        assertThat(b.endpoint().port()).as("the port picked at the first start").isEqualTo(port);
        assertThat(Files.readAllBytes(privateKey)).isEqualTo(key);
        assertThat(b.readData("b", "k")).contains("before");
        b.updateData("k", "after");
        await().atMost(SOON).until(() -> a.readData("b", "k").filter("after"::equals).isPresent());
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aStopReleasesTheCredentialDirectoryAndAStartTakesItAgain(TestNetwork network) {
        DSNodeServer first = network.start("same");
        first.stop();
        DSNodeServer second = network.start(network.config("same").build());

        assertThatThrownBy(first::startServing).isInstanceOf(DSNException.class)
                .hasMessageContaining("in use by another running node");
        assertThat(first.isServing()).isFalse();

        second.stop();
        first.startServing();
        assertThat(first.isServing()).isTrue();
    }

    @Test
    void aPeerDropsALeavingNodeAtOnceAndGetsItsLastWriteFirst(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").tickInterval(Duration.ofMinutes(1)).build());
        DSNodeServer b = sim.start("b", a.server());
        sim.await("b joined", () -> a.server().peers().contains("b"), Duration.ofSeconds(5));
        sim.network().setDelay(Duration.ofMillis(200), Duration.ofMillis(200));
        Duration before = sim.now();

        b.updateData("last", "write");
        b.stop();

        assertThat(sim.now().minus(before)).as("virtual time the stop took").isLessThan(Duration.ofSeconds(2));
        assertThat(a.server().peers()).containsExactly("a");
        assertThat(a.events()).filteredOn(event -> event instanceof PeerStateChanged || event instanceof PeerLeft)
                .containsSubsequence(a.events().stream()
                                .filter(event -> event instanceof PeerStateChanged changed
                                        && "write".equals(changed.current().get("last")))
                                .findFirst().orElseThrow(() -> new AssertionError("the last write never reached a")),
                        new PeerLeft("b", PeerLeft.Reason.LEFT));
    }

    @Test
    void aRestartedNodeIsBackAtItsPeersAfterItsLeave(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        DSNodeServer b = sim.start("b", a.server());
        sim.await("b joined", () -> a.server().peers().contains("b"), Duration.ofSeconds(5));
        b.stop();
        assertThat(a.server().peers()).containsExactly("a");

        b.startServing();

        sim.await("b is back", () -> a.server().peers().contains("b"), Duration.ofSeconds(5));
        b.updateData("k", "v");
        sim.await("a has b's write", () -> a.server().readData("b", "k").isPresent(), Duration.ofSeconds(5));
        sim.runFor(Duration.ofSeconds(10));
        assertThat(a.server().peers()).containsExactly("a", "b");
        assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("b", PeerLeft.Reason.LEFT));
    }

    @Test
    void aNodeGivenOneTransportServesOnceAndSaysHowToStartAgain(SimulatedNetwork sim) {
        DSNodeServer once = DSNodeServer.builder(sim.config("once").build()).runtime(sim.runtime())
                .transport(sim.network().transport()).start();
        once.stop();

        assertThatThrownBy(once::startServing).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transports(Supplier)");
        assertThat(once.isServing()).isFalse();
    }

    @Test
    void inMemoryNodesWithATransportFactoryStartAgain(SimulatedNetwork sim) {
        InMemoryNetwork network = sim.network();
        DSNodeServer node = DSNodeServer.builder(sim.config("again").build()).runtime(sim.runtime())
                .transports(network::transport).start();
        int port = node.endpoint().port();
        node.stop();
        assertThat(network.endpoints()).doesNotContain(node.endpoint());

        node.startServing();

        assertThat(node.endpoint().port()).isEqualTo(port);
        assertThat(network.endpoints()).contains(node.endpoint());
        node.stop();
    }
}
