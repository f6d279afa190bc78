package io.dsn;

import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's bounds, each past its limit: the peers a node keeps, the keys of new nodes it pins
 * per minute, the entries of a PEERS answer it takes. A bound sheds newcomers, never a peer.
 */
@ExtendWith(NetworkExtension.class)
class BoundsTest {

    @Test
    void pastMaxPeersNewNodesGet429AndNoPinWhileEveryPeerStays(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(sim.config("a").maxPeers(3).build());
        List<RawPeer> peers = joined(sim, "peer-", 3, a);
        RawPeer newcomer = sim.rawPeer("newcomer");

        assertThat(hello(newcomer, a)).isEqualTo(429);

        assertThat(sim.keyFile("a", "newcomer")).doesNotExist();
        assertThat(hello(peers.get(0), a)).as("a peer says HELLO again").isEqualTo(200);
        sim.runFor(SimulatedNetwork.TICK.multipliedBy(3));
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "peer-1", "peer-2", "peer-3");
    }

    @Test
    void roomMadeByAPeerThatLeftIsTakenByTheNextNewNode(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(sim.config("a").maxPeers(1).build());
        RawPeer gone = sim.rawPeerAt("gone", new Endpoint("127.0.0.1", 9));
        assertThat(hello(gone, a)).isEqualTo(200);
        RawPeer newcomer = sim.rawPeer("newcomer");
        assertThat(hello(newcomer, a)).isEqualTo(429);

        sim.await("the peer that does not answer is dropped", () -> !a.peers().contains("gone"),
                SimulatedNetwork.TICK.multipliedBy(2).plus(SimulatedNetwork.EXCHANGE_TIMEOUT));

        assertThat(hello(newcomer, a)).isEqualTo(200);
    }

    @Test
    void pastItsBudgetOfNewKeysAMinuteANodeAnswers429UntilTheBudgetRefills(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(sim.config("a").newKeysPerMinute(5).build());
        List<RawPeer> first = joined(sim, "new-", 5, a);
        RawPeer sixth = sim.rawPeer("new-6");

        assertThat(hello(sixth, a)).isEqualTo(429);
        assertThat(sim.keyFile("a", "new-6")).doesNotExist();
        assertThat(hello(first.get(0), a)).as("a known key costs nothing").isEqualTo(200);

        sim.runFor(Duration.ofSeconds(12));   // a minute refills five keys: one every 12 s
        assertThat(hello(sixth, a)).isEqualTo(200);
        assertThat(sim.keyFile("a", "new-6")).exists();
    }

    @Test
    void onlyTheFirstEntriesOfAPeersAnswerAreTaken(SimulatedNetwork sim) {
        List<RawPeer> listed = IntStream.rangeClosed(1, 5).mapToObj(i -> sim.rawPeer("listed-" + i)).toList();
        RawPeer bootstrap = sim.rawPeer("bootstrap");
        Map<String, Endpoint> book = new LinkedHashMap<>();
        listed.forEach(peer -> book.put(peer.nodeId(), peer.endpoint()));
        bootstrap.answer(MessageType.PEERS, (payload, from) -> RawPeer.Reply.ok(bootstrap.signedPeers(book).encode()));

        DSNodeServer a = sim.start(sim.config("a").maxPeersListed(2)
                .addBootstrapNode(bootstrap.endpoint()).build());
        sim.runFor(SimulatedNetwork.TICK);

        assertThat(a.peers()).containsExactlyInAnyOrder("a", "bootstrap", "listed-1", "listed-2");
        assertThat(listed.get(2).received(MessageType.HELLO)).isEmpty();
    }

    /** Raw peers {@code prefix1} to {@code prefixN}, each welcome at the node. */
    private static List<RawPeer> joined(SimulatedNetwork sim, String prefix, int count, DSNodeServer node) {
        List<RawPeer> peers = IntStream.rangeClosed(1, count).mapToObj(i -> sim.rawPeer(prefix + i)).toList();
        peers.forEach(peer -> assertThat(hello(peer, node)).as(peer.nodeId()).isEqualTo(200));
        return peers;
    }

    private static int hello(RawPeer raw, DSNodeServer node) {
        return raw.send(node.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status();
    }
}
