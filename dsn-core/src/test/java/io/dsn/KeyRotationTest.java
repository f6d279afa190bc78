package io.dsn;

import io.dsn.support.NetworkExtension;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A running secure network moves to a new network key node by node, while every node writes:
 * add the new key everywhere, make it primary everywhere, remove the old one everywhere. No node
 * drops another, no message is refused, and every node ends with every other node's last write.
 */
@ExtendWith(NetworkExtension.class)
class KeyRotationTest {

    private static final int NODES = 4;
    private static final Duration STEP = Duration.ofMillis(700);

    /** Counts every message a node sent that did not succeed. */
    private static final class Refusals implements DSNMetrics {
        final Map<Message, AtomicInteger> notOk = new ConcurrentHashMap<>();

        @Override
        public void messageSent(Message message, Outcome outcome, long nanos) {
            if (outcome != Outcome.SUCCESS) {
                notOk.computeIfAbsent(message, m -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    @Test
    void aRunningNetworkMovesToANewKeyWithoutADropARefusalOrALostUpdate(SimulatedNetwork sim) {
        List<Recorded> nodes = new ArrayList<>();
        Refusals refusals = new Refusals();
        for (int i = 0; i < NODES; i++) {
            DSNodeConfig.Builder config = sim.config("n" + i).protocol(ProtocolMode.SECURE);
            if (i > 0) {
                config.addBootstrapNode(nodes.get(0).server().endpoint());
            }
            List<DSNEvent> events = new CopyOnWriteArrayList<>();
            DSNodeServer server = sim.create(config.build(), refusals, events::add);
            server.startServing();
            nodes.add(new Recorded(server, events));
        }
        sim.await("a full mesh", () -> nodes.stream().allMatch(n -> n.server().peers().size() == NODES),
                Duration.ofSeconds(5));
        String oldKeyId = nodes.get(0).server().node().networkKeys().primary();
        String newKey = DSNodeServer.generateKey();
        AtomicInteger writes = new AtomicInteger();

        everyNode(nodes, sim, writes, node -> node.addNetworkKey(newKey));
        String newKeyId = nodes.get(0).server().node().networkKeys().accepted().get(1);
        everyNode(nodes, sim, writes, node -> node.usePrimaryNetworkKey(newKeyId));
        everyNode(nodes, sim, writes, node -> node.removeNetworkKey(oldKeyId));
        sim.runFor(STEP.multipliedBy(3));

        for (Recorded node : nodes) {
            assertThat(node.server().node().networkKeys()).isEqualTo(new NetworkKeys(newKeyId, List.of(newKeyId)));
            assertThat(node.eventsOf(PeerLeft.class)).as("%s dropped nobody", node.server().nodeId()).isEmpty();
            for (Recorded writer : nodes) {
                assertThat(node.server().readData(writer.server().nodeId(), "write"))
                        .as("%s has %s's last write", node.server().nodeId(), writer.server().nodeId())
                        .isEqualTo(writer.server().readData(writer.server().nodeId(), "write"));
            }
        }
        assertThat(refusals.notOk).as("messages that failed or were refused").isEmpty();
        assertThat(nodes.get(0).server().networkKey()).contains(newKey);
    }

    @Test
    void theOrderMattersAPrimaryKeyThatPeersDoNotAcceptYetIsRefused(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(sim.config("a").protocol(ProtocolMode.SECURE).build());
        DSNodeServer b = sim.start(sim.config("b", a).protocol(ProtocolMode.SECURE).build());
        sim.await("b knows a", () -> b.peers().contains("a"), Duration.ofSeconds(3));

        a.node().usePrimaryNetworkKey(a.node().addNetworkKey(DSNodeServer.generateKey()));

        assertThatThrownBy(() -> a.sendToNode("b", new byte[] {1})).isInstanceOf(DSNException.class)
                .hasMessageContaining("400");
        assertThatThrownBy(() -> b.node().removeNetworkKey(b.node().networkKeys().primary()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary");
    }

    @Test
    void aCompatibleNodeHasNoKeyring(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(sim.config("a").build());

        assertThatThrownBy(() -> a.node().addNetworkKey(DSNodeServer.generateKey()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("protocol secure");
        assertThatThrownBy(() -> a.node().networkKeys()).isInstanceOf(IllegalStateException.class);
    }

    /** Changes one node after the other, each while every node writes, with time to gossip between. */
    private static void everyNode(List<Recorded> nodes, SimulatedNetwork sim, AtomicInteger writes,
                                  Consumer<DSNode> change) {
        for (Recorded changed : nodes) {
            change.accept(changed.server().node());
            for (Recorded writer : nodes) {
                writer.server().updateData("write", Integer.toString(writes.incrementAndGet()));
            }
            sim.runFor(STEP);
        }
    }
}
