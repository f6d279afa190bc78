package io.dsn;

import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.SecureEnvelope;
import io.dsn.internal.crypto.SecureKey;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.SecureMessage;
import io.dsn.support.CapturedLog;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import io.dsn.support.Tap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secure protocol between real nodes on the in-memory network, and what an outsider on the
 * wire (who records, changes and replays bodies) or a misconfigured node gets from it.
 */
@ExtendWith(NetworkExtension.class)
class SecureProtocolTest {

    private static final Duration SETTLE = Duration.ofSeconds(3);

    private static DSNodeConfig.Builder secure(SimulatedNetwork sim, String nodeId, DSNodeServer... bootstrap) {
        return sim.config(nodeId, bootstrap).protocol(ProtocolMode.SECURE);
    }

    @Test
    void secureNodesFormANetworkAndExchangeStatesAndData(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(secure(sim, "a").build());
        Recorded b = sim.startRecorded(secure(sim, "b", a).build());
        DSNodeServer c = sim.start(secure(sim, "c", a).build());

        a.updateData("door", "open");
        sim.await("every node knows every other and a's state", () -> b.server().peers().size() == 3
                && c.peers().size() == 3 && "open".equals(c.readData("a", "door").orElse(null)), SETTLE);

        assertThat(a.sendToNode("b", "hi".getBytes(StandardCharsets.UTF_8))).isEqualTo("OK");
        sim.await("b heard the data", () -> !b.eventsOf(DataReceived.class).isEmpty(), SETTLE);
    }

    /** A node b, and a node a joined through it whose requests an outsider on the wire records. */
    private record Watched(Recorded b, DSNodeServer a, Tap tap) {

        /** a sends DATA to b; the exchange as the wire saw it. */
        Tap.Exchange dataToB(String text) {
            a.sendToNode("b", text.getBytes(StandardCharsets.UTF_8));
            List<Tap.Exchange> sent = tap.to("/data");
            return sent.get(sent.size() - 1);
        }
    }

    private static Watched watched(SimulatedNetwork sim) {
        Tap tap = new Tap();
        Recorded b = sim.startRecorded(secure(sim, "b").build());
        return new Watched(b, sim.startTapped(secure(sim, "a", b.server()).build(), tap), tap);
    }

    @Test
    void aCapturedRequestReplayedIsRefusedAndTheDataReachesTheApplicationOnce(SimulatedNetwork sim) {
        Watched net = watched(sim);
        byte[] captured = net.dataToB("pay 10").request();
        sim.await("b heard it", () -> net.b().eventsOf(DataReceived.class).size() == 1, SETTLE);
        RawPeer outsider = sim.rawPeerAt("outsider", new Endpoint("127.0.0.1", 9), "10.9.9.9");

        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(outsider.post(net.b().server().endpoint(), "/data", captured).status()).isEqualTo(425);
            }
            assertThat(log.linesContaining("A replayed message (sender a) came from 10.9.9.9")).isEqualTo(1);
        }
        sim.runFor(SETTLE);
        assertThat(net.b().eventsOf(DataReceived.class)).hasSize(1);
    }

    @Test
    void anAnswerPostedAsARequestIsRefused(SimulatedNetwork sim) {
        Watched net = watched(sim);
        byte[] answer = net.dataToB("one").answer().body();
        RawPeer outsider = sim.rawPeerAt("outsider", new Endpoint("127.0.0.1", 9), "10.9.9.6");

        assertThat(outsider.post(net.a().endpoint(), "/data", answer).status()).isEqualTo(400);
        assertThat(outsider.post(net.b().server().endpoint(), "/data", answer).status()).isEqualTo(400);
        sim.runFor(SETTLE);
        assertThat(net.b().eventsOf(DataReceived.class)).hasSize(1);
    }

    @Test
    void everyChangedByteOfARequestIsRefusedUnread(SimulatedNetwork sim) {
        Watched net = watched(sim);
        byte[] captured = net.dataToB("pay 10").request();
        RawPeer outsider = sim.rawPeerAt("outsider", new Endpoint("127.0.0.1", 9), "10.9.9.8");

        for (int i = 0; i < captured.length; i += 7) {
            byte[] changed = captured.clone();
            changed[i] ^= 0x40;
            int status = outsider.post(net.b().server().endpoint(), "/data", changed).status();
            assertThat(status).as("byte %d changed", i).isEqualTo(400);
        }
        sim.runFor(SETTLE);
        assertThat(net.b().eventsOf(DataReceived.class)).hasSize(1);
    }

    @Test
    void aRequestForAnotherNodeIsRefused(SimulatedNetwork sim) {
        Watched net = watched(sim);
        Recorded c = sim.startRecorded(secure(sim, "c", net.b().server()).build());
        byte[] forB = net.dataToB("for b only").request();

        RawPeer outsider = sim.rawPeerAt("outsider", new Endpoint("127.0.0.1", 9), "10.9.9.7");
        assertThat(outsider.post(c.server().endpoint(), "/data", forB).status()).isEqualTo(400);
        assertThat(c.eventsOf(DataReceived.class)).isEmpty();
    }

    @Test
    void aMessageSentOutsideTheClockSkewWindowIsRefusedAndLoggedOnce(SimulatedNetwork sim) {
        DSNodeServer b = sim.start(secure(sim, "b").maxClockSkew(Duration.ofSeconds(10)).build());
        SecureKey key = SecureKey.of(NetworkKey.parse(sim.networkKey()));
        RawPeer peer = sim.rawPeerAt("skewed", new Endpoint("127.0.0.1", 9));
        double now = sim.runtime().clock().millis() / 1000.0;

        try (CapturedLog log = CapturedLog.start()) {
            assertThat(ping(peer, b, key, now - 11, 1).status()).as("11 s behind").isEqualTo(425);
            assertThat(ping(peer, b, key, now + 11, 2).status()).as("11 s ahead").isEqualTo(425);
            assertThat(log.linesContaining("A message of node skewed")).isEqualTo(1);
            assertThat(log.text()).contains("outside the clock-skew window");
        }
        assertThat(ping(peer, b, key, now - 9, 3).status()).as("9 s behind").isEqualTo(200);
        assertThat(ping(peer, b, key, now + 9, 4).status()).as("9 s ahead").isEqualTo(200);
    }

    @Test
    void aNodeWithAnotherKeyIsRefusedAndEachSideSaysSoOnce(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(secure(sim, "a").build());
        try (CapturedLog log = CapturedLog.start()) {
            DSNodeServer stranger = sim.start(secure(sim, "stranger", a).aesKey(DSNodeServer.generateKey()).build());
            sim.runFor(SETTLE);

            assertThat(a.peers()).containsExactly("a");
            assertThat(stranger.peers()).containsExactly("stranger");
            assertThat(log.linesContaining("which this node does not hold")).isEqualTo(1);
            assertThat(log.linesContaining("it cannot read this node's messages")).isEqualTo(1);
        }
    }

    @Test
    void secureAndCompatibleNodesRefuseEachOtherWithOneClearLineOnEachSide(SimulatedNetwork sim) {
        DSNodeServer secure = sim.start(secure(sim, "secure").build());
        DSNodeServer compatible = sim.start(sim.config("compatible").build());
        try (CapturedLog log = CapturedLog.start()) {
            DSNodeServer joiningSecure = sim.start(sim.config("old", secure).build());
            DSNodeServer joiningCompatible = sim.start(secure(sim, "new", compatible).build());
            sim.runFor(SETTLE);

            assertThat(secure.peers()).containsExactly("secure");
            assertThat(compatible.peers()).containsExactly("compatible");
            assertThat(joiningSecure.peers()).containsExactly("old");
            assertThat(joiningCompatible.peers()).containsExactly("new");
            assertThat(log.linesContaining("are in the compatible protocol, and this node speaks the secure one"))
                    .as("the secure node, once").isEqualTo(1);
            assertThat(log.linesContaining("are in the secure protocol, and this node speaks the compatible one"))
                    .as("the compatible node, once").isEqualTo(1);
            assertThat(log.linesContaining("with 426: it speaks the other protocol")).as("each sender, once")
                    .isEqualTo(2);
        }
    }

    private static RawPeer.Response ping(RawPeer peer, DSNodeServer target, SecureKey key, double sentAt, int nonce) {
        byte[] nonceBytes = new byte[SecureKey.NONCE_LENGTH];
        nonceBytes[0] = (byte) nonce;
        SecureMessage ping = SecureMessage.request(MessageType.PING, sentAt, peer.nodeId(), target.nodeId(), new byte[] {' '});
        return peer.post(target.endpoint(), "/ping", SecureEnvelope.seal(key, nonceBytes, ping));
    }
}
