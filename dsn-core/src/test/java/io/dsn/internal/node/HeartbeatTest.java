package io.dsn.internal.node;

import io.dsn.DSNMetrics;
import io.dsn.DSNodeServer;
import io.dsn.PeerLeft;
import io.dsn.internal.protocol.MessageType;
import io.dsn.runtime.NodeRuntime;
import io.dsn.support.DelegatingRuntime;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.Seed;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.dsn.support.SimulatedNetwork.EXCHANGE_TIMEOUT;
import static io.dsn.support.SimulatedNetwork.RETRY_PAUSE;
import static io.dsn.support.SimulatedNetwork.TICK;
import static org.assertj.core.api.Assertions.assertThat;

/** The tick: liveness (PING and drop), repair of missed updates, and gossip, in virtual time. */
@ExtendWith(NetworkExtension.class)
class HeartbeatTest {

    @Test
    void aBlackholedPeerIsDroppedByEveryOtherWithinOneTickAndOneExchange(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        Recorded b = sim.startRecorded(sim.config("b", a.server()).build());
        DSNodeServer c = sim.start("c", a.server());
        sim.runFor(TICK.multipliedBy(3));
        assertThat(a.server().peers()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(b.server().peers()).containsExactlyInAnyOrder("a", "b", "c");

        sim.network().blackhole(c.endpoint());
        Duration blackholed = sim.now();
        sim.await("a and b drop c", () -> !a.server().peers().contains("c") && !b.server().peers().contains("c"),
                TICK.multipliedBy(5));

        // The next tick comes within one interval; its PING fails once every attempt timed out.
        Duration took = sim.now().minus(blackholed);
        assertThat(took).as("time to drop a blackholed peer").isBetween(EXCHANGE_TIMEOUT, TICK.plus(EXCHANGE_TIMEOUT));
        sim.runFor(Duration.ofMillis(1));
        assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("c", PeerLeft.Reason.UNREACHABLE));
        assertThat(b.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("c", PeerLeft.Reason.UNREACHABLE));
        assertThat(a.server().peers()).as("the others stay").containsExactlyInAnyOrder("a", "b");
    }

    /**
     * Found by {@code simulate --explore} (30 nodes, seed 22): a node paused for 70 s was dropped
     * by all of its peers and listed them all when it resumed; gossip, one peer a tick, took a
     * minute to bring it back everywhere. A tick that comes long after the last (here the node's
     * monotonic clock jumps, as over a pause) sends the state to every peer at once.
     */
    @Test
    void aTickLongAfterTheLastSendsTheStateToEveryPeerAtOnce(SimulatedNetwork sim) {
        AtomicLong pausedFor = new AtomicLong();
        NodeRuntime pausable = new DelegatingRuntime(sim.runtime()) {
            @Override
            public long nanoTime() {
                return super.nanoTime() + pausedFor.get();
            }
        };
        DSNodeServer a = sim.closeAtEnd(DSNodeServer.builder(sim.config("a").build()).transport(sim.network().transport())
                .runtime(pausable).start());
        a.updateData("reading", "1");
        List<RawPeer> peers = IntStream.range(0, 8).mapToObj(i -> sim.rawPeer("peer-" + i)).toList();
        for (RawPeer peer : peers) {
            assertThat(peer.send(a.endpoint(), MessageType.HELLO, peer.signedHello().encode()).status()).isEqualTo(200);
        }
        sim.await("every peer has a's state", () -> peers.stream().allMatch(peer -> !peer.received(MessageType.UPDATE)
                .isEmpty()), TICK.multipliedBy(20));
        List<Integer> before = peers.stream().map(peer -> peer.received(MessageType.UPDATE).size()).toList();

        pausedFor.set(TICK.multipliedBy(10).toNanos());

        sim.await("every peer gets a's state again", () -> IntStream.range(0, peers.size()).allMatch(i ->
                peers.get(i).received(MessageType.UPDATE).size() > before.get(i)), TICK.plusMillis(100));
    }

    @Test
    void anUpdateWhoseEveryAttemptWasLostReachesThePeerOnALaterTick(SimulatedNetwork sim) {
        List<DSNMetrics.Outcome> updates = new CopyOnWriteArrayList<>();
        DSNMetrics metrics = new DSNMetrics() {
            @Override
            public void messageSent(Message message, Outcome outcome, long nanos) {
                if (message == Message.UPDATE) {
                    updates.add(outcome);
                }
            }
        };
        DSNodeServer a = sim.create(sim.config("a").build(), metrics);
        a.startServing();
        DSNodeServer b = sim.start("b", a);
        // With data of its own, b's gossip to a is no news to a, so a's answer carries no state.
        b.updateData("own", "data");
        sim.runFor(TICK.multipliedBy(2));
        updates.clear();

        // Every message is lost until the UPDATE with the write has failed every attempt.
        sim.network().setLoss(1.0);
        a.updateData("k", "v");
        sim.await("the UPDATE with the write fails", () -> !updates.isEmpty(), EXCHANGE_TIMEOUT.plusMillis(1));
        sim.network().setLoss(0);
        assertThat(b.readData("a", "k")).as("b missed the write").isEmpty();
        assertThat(updates).as("the UPDATE with the write failed").containsExactly(DSNMetrics.Outcome.FAILED);
        // A tick pushes the state again: at once if one came meanwhile (it waited behind the failed
        // UPDATE), else on the next, within one interval.
        sim.await("a tick sends the state again", () -> b.readData("a", "k").isPresent(), TICK.plusMillis(1));
        assertThat(b.readData("a", "k")).contains("v");
        assertThat(a.peers()).as("nobody was dropped").containsExactlyInAnyOrder("a", "b");
        assertThat(b.peers()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    @Seed(7)
    void underSteadyLossEveryWriteStillReachesEveryNode(SimulatedNetwork sim) {
        List<DSNodeServer> nodes = new ArrayList<>();
        nodes.add(sim.start("n0"));
        for (int i = 1; i < 4; i++) {
            nodes.add(sim.start("n" + i, nodes.get(0)));
        }
        sim.runFor(TICK.multipliedBy(3));
        long before = sim.network().requestCount();
        sim.network().setLoss(0.2);

        for (int round = 0; round < 5; round++) {
            String value = "v" + round;
            for (DSNodeServer node : nodes) {
                node.updateData("k", value);
            }
            sim.await("round " + round + ": every node holds every other's " + value, () -> nodes.stream().allMatch(
                    reader -> nodes.stream().filter(n -> n != reader)
                            .allMatch(writer -> reader.readData(writer.nodeId(), "k").filter(value::equals).isPresent())),
                    TICK.multipliedBy(30));
        }
        assertThat(sim.network().requestCount() - before).as("the network carried traffic meanwhile").isPositive();
    }
}
