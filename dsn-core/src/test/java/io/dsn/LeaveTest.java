package io.dsn;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.LeavePacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.WireTime;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import io.dsn.support.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * LEAVE (PROTOCOL.md section 4.6): only the node itself can announce its leaving, and a LEAVE
 * older than what its node sent since changes nothing, so a captured one cannot drop it later.
 */
@ExtendWith(NetworkExtension.class)
class LeaveTest {

    private static final byte[] EMPTY = new byte[0];

    @Test
    void aLeaveNewerThanTheNodesStateDropsIt(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        DSNodeServer b = sim.start("b", a.server());
        sim.await("b joined", () -> a.server().peers().contains("b"), Duration.ofSeconds(5));

        int status = leaveAs(sim, "b", a.server(), WireTime.toSeconds(sim.runtime().clock().instant()) + 1);

        assertThat(status).isEqualTo(200);
        assertThat(a.server().peers()).containsExactly("a");
        assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("b", PeerLeft.Reason.LEFT));
        b.stop();
    }

    @Test
    void aReplayedLeaveDoesNotDropANodeThatCameBack(SimulatedNetwork sim) {
        Recorded recorded = sim.startRecorded(sim.config("a").build());
        DSNodeServer a = recorded.server();
        DSNodeServer b = sim.start("b", a);
        // A listening raw peer of b captures the LEAVE b sends when it stops.
        RawPeer eavesdropper = sim.rawPeer("eavesdropper");
        assertThat(eavesdropper.send(b.endpoint(), MessageType.HELLO, eavesdropper.signedHello().encode()).status())
                .isEqualTo(200);
        sim.await("b joined", () -> a.peers().contains("b"), Duration.ofSeconds(5));
        b.stop();
        byte[] captured = eavesdropper.received(MessageType.LEAVE).get(0).payload();
        assertThat(a.peers()).as("the same LEAVE dropped b at a").containsExactly("a");
        b.startServing();
        sim.await("b is back", () -> a.peers().contains("b"), Duration.ofSeconds(5));

        int status = eavesdropper.send(a.endpoint(), MessageType.LEAVE, captured).status();

        assertThat(status).isEqualTo(200);
        assertThat(a.peers()).containsExactly("a", "b");
        sim.runFor(Duration.ofSeconds(3));
        assertThat(recorded.eventsOf(PeerLeft.class)).as("only the real leave").hasSize(1);
    }

    @Test
    void aLeavingNodeAnswersHelloWith503SoAPeerThatTookItsLeaveCannotAdmitItAgain(TestNetwork network) {
        DSNodeServer b = network.start("b");
        // A peer of b that, the moment it takes b's LEAVE, greets b as if a third node still listed it.
        RawPeer peer = network.closeAtEnd(RawPeer.listening(network, "peer"));
        List<Integer> helloAfterLeave = new CopyOnWriteArrayList<>();
        peer.answer(MessageType.LEAVE, (payload, remoteAddress) -> {
            helloAfterLeave.add(peer.send(b.endpoint(), MessageType.HELLO, peer.signedHello().encode()).status());
            return RawPeer.Reply.ok(EMPTY);
        });
        assertThat(peer.send(b.endpoint(), MessageType.HELLO, peer.signedHello().encode()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.peers().contains("peer"));

        b.stop();

        assertThat(peer.received(MessageType.LEAVE)).hasSize(1);
        assertThat(helloAfterLeave).containsExactly(503);
    }

    @Test
    void anUpdateOlderThanTheLeaveThatArrivesAfterItBringsNobodyBack(SimulatedNetwork sim) {
        Recorded recorded = sim.startRecorded(sim.config("a").build());
        DSNodeServer a = recorded.server();
        RawPeer b = sim.rawPeerAt("b", new io.dsn.Endpoint("127.0.0.1", 9));
        double now = WireTime.toSeconds(sim.runtime().clock().instant());
        assertThat(b.send(a.endpoint(), MessageType.HELLO, b.signedHello().encode()).status()).isEqualTo(200);
        assertThat(b.send(a.endpoint(), MessageType.UPDATE, b.signedState(now, Map.of("k", "1")).encode()).status())
                .isEqualTo(200);
        byte[] late = b.encrypt(MessageType.UPDATE, b.signedState(now + 1, Map.of("k", "2")).encode());
        LeavePacket leave = new LeavePacket("b", now + 2, EMPTY);
        assertThat(b.send(a.endpoint(), MessageType.LEAVE, leave.withSignature(b.keys().sign(leave.signedPart())).encode())
                .status()).isEqualTo(200);
        assertThat(a.peers()).containsExactly("a");

        RawPeer.Response delayed = b.post(a.endpoint(), "/update", late);

        assertThat(delayed.status()).as("answered like any stale state").isEqualTo(200);
        assertThat(a.peers()).as("the node that left stays out").containsExactly("a");
        assertThat(recorded.eventsOf(PeerJoined.class)).as("joined once, before it left").hasSize(1);
        assertThat(a.readData("b", "k")).isEmpty();
    }

    @Test
    void aLeaveSignedByAnotherKeyIsRefused(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        sim.await("b joined", () -> a.peers().contains("b"), Duration.ofSeconds(5));
        RawPeer impostor = sim.rawPeerAt("b", b.endpoint());

        LeavePacket unsigned = new LeavePacket("b", WireTime.toSeconds(sim.runtime().clock().instant()) + 1, EMPTY);
        LeavePacket forged = unsigned.withSignature(impostor.keys().sign(unsigned.signedPart()));

        assertThat(impostor.send(a.endpoint(), MessageType.LEAVE, forged.encode()).status()).isEqualTo(401);
        assertThat(a.peers()).containsExactly("a", "b");
    }

    /** Sends a LEAVE signed with the real key of {@code nodeId}, read from its credential directory. */
    private static int leaveAs(SimulatedNetwork sim, String nodeId, DSNodeServer to, double leftAt) {
        NodeKeyPair keys = new CredentialStore(sim.credentials(), nodeId).loadOrCreateOwnKeyPair(new SecureRandom());
        RawPeer sender = sim.rawPeerAt(nodeId, new io.dsn.Endpoint("127.0.0.1", 1)).withKeys(keys);
        LeavePacket unsigned = new LeavePacket(nodeId, leftAt, EMPTY);
        return sender.send(to.endpoint(), MessageType.LEAVE, unsigned.withSignature(keys.sign(unsigned.signedPart()))
                .encode()).status();
    }
}
