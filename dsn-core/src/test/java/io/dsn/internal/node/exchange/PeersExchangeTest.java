package io.dsn.internal.node.exchange;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PEERS, both sides, on the in-memory network in virtual time. */
@ExtendWith(NetworkExtension.class)
class PeersExchangeTest {

    @Test
    void aKnownNodeGetsTheWholeAddressBookSignedByTheNode(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        RawPeer raw = sim.rawPeer("raw");
        HelloPacket hello = HelloPacket.decode(
                raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).payload());

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.PEERS, raw.signedPeersRequest().encode());

        assertThat(response.status()).isEqualTo(200);
        PeersPacket answer = PeersPacket.decode(response.payload());
        assertThat(answer.nodeId()).isEqualTo("a");
        assertThat(Signatures.verify(hello.publicKey(), answer.signedPart(), answer.signature())).isTrue();
        assertThat(answer.peers()).containsOnly(Map.entry("b", b.endpoint()), Map.entry("raw", raw.endpoint()));
    }

    @Test
    void eachAnswerListsThePeersOfItsMomentAsTheyJoinAndLeave(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        assertThat(listedBy(a, raw)).containsOnlyKeys("raw");

        DSNodeServer b = sim.start("b", a);
        assertThat(listedBy(a, raw)).containsOnly(Map.entry("b", b.endpoint()), Map.entry("raw", raw.endpoint()));

        b.stop();
        sim.await("a hears that b leaves", () -> !a.peers().contains("b"), SimulatedNetwork.TICK);
        assertThat(listedBy(a, raw)).containsOnlyKeys("raw");
    }

    private static Map<String, Endpoint> listedBy(DSNodeServer node, RawPeer asker) {
        RawPeer.Response response = asker.send(node.endpoint(), MessageType.PEERS, asker.signedPeersRequest().encode());
        assertThat(response.status()).isEqualTo(200);
        return PeersPacket.decode(response.payload()).peers();
    }

    @Test
    void aNodeThatNeverSaidHelloIsRefusedWith401(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        sim.start("b", a);
        RawPeer raw = sim.rawPeer("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.PEERS, raw.signedPeersRequest().encode());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aRequestWithABadSignatureIsRefusedWith401(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        PeersPacket request = raw.signedPeersRequest();

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.PEERS,
                request.withSignature(RawPeer.tampered(request.signature())).encode());

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aJoiningNodeAsksItsBootstrapForItsBookAndMeetsEveryNodeInIt(SimulatedNetwork sim) throws IOException {
        DSNodeServer c = sim.start("c");
        RawPeer bootstrap = sim.rawPeer("bootstrap");
        bootstrap.answer(MessageType.PEERS, (payload, from) ->
                RawPeer.Reply.ok(bootstrap.signedPeers(Map.of("c", c.endpoint())).encode()));

        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(bootstrap.endpoint()).build());

        // the client side: a PEERS request signed by b, then the node it lists is met
        assertThat(bootstrap.received(MessageType.PEERS)).hasSize(1);
        PeersPacket request = PeersPacket.decode(bootstrap.received(MessageType.PEERS).get(0).payload());
        assertThat(request.nodeId()).isEqualTo("b");
        assertThat(request.peers()).isEmpty();
        assertThat(Signatures.verify(Files.readAllBytes(sim.keyFile("b", "b")), request.signedPart(), request.signature()))
                .isTrue();
        assertThat(b.peers()).containsExactlyInAnyOrder("b", "bootstrap", "c");
        assertThat(c.peers()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void aBookWithABadSignatureIsNotFollowed(SimulatedNetwork sim) {
        DSNodeServer c = sim.start("c");
        RawPeer bootstrap = sim.rawPeer("bootstrap");
        bootstrap.answer(MessageType.PEERS, (payload, from) -> {
            PeersPacket book = bootstrap.signedPeers(Map.of("c", c.endpoint()));
            return RawPeer.Reply.ok(book.withSignature(RawPeer.tampered(book.signature())).encode());
        });

        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(bootstrap.endpoint()).build());

        assertThat(bootstrap.received(MessageType.PEERS)).hasSize(1);
        assertThat(b.peers()).containsExactlyInAnyOrder("b", "bootstrap");
        assertThat(c.peers()).containsExactly("c");
    }

    @Test
    void aBookSignedInTheNameOfAnotherNodeIsNotFollowed(SimulatedNetwork sim) {
        DSNodeServer c = sim.start("c");
        RawPeer bootstrap = sim.rawPeer("bootstrap");
        RawPeer other = sim.rawPeerAt("other", new Endpoint("127.0.0.1", 1));
        bootstrap.answer(MessageType.PEERS, (payload, from) ->
                RawPeer.Reply.ok(other.signedPeers(Map.of("c", c.endpoint())).encode()));

        DSNodeServer b = sim.start(sim.config("b").addBootstrapNode(bootstrap.endpoint()).build());

        assertThat(b.peers()).containsExactlyInAnyOrder("b", "bootstrap");
        assertThat(c.peers()).containsExactly("c");
    }
}
