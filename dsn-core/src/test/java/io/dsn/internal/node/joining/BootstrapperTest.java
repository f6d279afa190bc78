package io.dsn.internal.node.joining;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.dsn.support.SimulatedNetwork.EXCHANGE_TIMEOUT;
import static io.dsn.support.SimulatedNetwork.RETRY_PAUSE;
import static io.dsn.support.SimulatedNetwork.TICK;
import static org.assertj.core.api.Assertions.assertThat;

/** Joining: the bootstrap endpoints in turn, then the introductions, and joining again later. */
@ExtendWith(NetworkExtension.class)
class BootstrapperTest {

    @Test
    void aDeadFirstBootstrapEndpointIsSkippedForTheNextOne(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        Endpoint dead = new Endpoint("127.0.0.1", 9);

        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(dead).addBootstrapNode(a.endpoint()).build());

        assertThat(b.peers()).containsExactlyInAnyOrder("a", "b");
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "b");
        assertThat(b.node().peerInfo("a")).get().extracting(info -> info.endpoint()).isEqualTo(a.endpoint());
    }

    @Test
    void aFirstBootstrapEndpointThatNeverAnswersIsSkippedOnceItsAttemptsTimeOut(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer silent = sim.rawPeer("silent");
        sim.network().blackhole(silent.endpoint());
        Duration before = sim.now();

        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(silent.endpoint()).addBootstrapNode(a.endpoint()).build());

        Duration took = sim.now().minus(before);
        assertThat(b.peers()).containsExactlyInAnyOrder("a", "b");
        assertThat(silent.received()).isEmpty();
        assertThat(took).as("every attempt at the silent endpoint, then the join through a")
                .isBetween(EXCHANGE_TIMEOUT.minus(RETRY_PAUSE.dividedBy(2)), EXCHANGE_TIMEOUT.plusMillis(50));
    }

    @Test
    void aNodeStartedBeforeItsBootstrapJoinsOnceTheBootstrapAppears(SimulatedNetwork sim) {
        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(new Endpoint("127.0.0.1", 7000)).build());
        assertThat(b.peers()).containsExactly("b");
        sim.runFor(TICK.multipliedBy(3));
        assertThat(b.peers()).as("still alone while nothing listens at 7000").containsExactly("b");

        DSNodeServer a = sim.start(sim.config("a").port(7000).build());
        Duration appeared = sim.now();

        sim.await("b joins a on a later tick", () -> a.peers().contains("b") && b.peers().contains("a"),
                TICK.plus(EXCHANGE_TIMEOUT));
        assertThat(sim.now().minus(appeared)).isLessThanOrEqualTo(TICK);
        a.updateData("k", "late");
        sim.await("a's write reaches b", () -> b.readData("a", "k").isPresent(), Duration.ofMillis(100));
    }

    @Test
    void aJoiningNodeIsIntroducedToEveryNodeItsBootstrapKnows(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        DSNodeServer c = sim.start("c", a);

        DSNodeServer d = sim.start("d", a);

        assertThat(d.peers()).as("known at once, when start returns").containsExactlyInAnyOrder("a", "b", "c", "d");
        for (DSNodeServer node : new DSNodeServer[] {a, b, c}) {
            assertThat(node.peers()).as(node.nodeId()).contains("d");
        }
        d.updateData("k", "v");
        sim.await("d's write reaches all", () -> b.readData("d", "k").isPresent() && c.readData("d", "k").isPresent()
                && a.readData("d", "k").isPresent(), Duration.ofMillis(100));
    }

    @Test
    void aBootstrapNodeThatRefusesHelloIsSkipped(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer refusing = sim.rawPeer("refusing");
        refusing.answer(MessageType.HELLO, (payload, from) -> RawPeer.Reply.status(401));

        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(refusing.endpoint()).addBootstrapNode(a.endpoint()).build());

        assertThat(refusing.received(MessageType.HELLO)).as("a refusal is not retried").hasSize(1);
        assertThat(b.peers()).containsExactlyInAnyOrder("a", "b");
    }
}
