package io.dsn.internal.node.exchange;

import io.dsn.DSNodeServer;
import io.dsn.PeerInfo;
import io.dsn.PeerLeft;
import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** PING, both sides, on the in-memory network in virtual time. */
@ExtendWith(NetworkExtension.class)
class PingExchangeTest {

    @Test
    void anyPingIsAnsweredWithAnEmptyPayload(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer stranger = sim.rawPeer("stranger");

        RawPeer.Response response = stranger.send(a.endpoint(), MessageType.PING, new byte[] {' '});

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.payload()).isEmpty();
        assertThat(a.peers()).as("a PING admits nobody").containsExactly("a");
    }

    @Test
    void everyTickPingsEachPeerAndAnAnsweringPeerStays(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        // UPDATEs (gossip) fail, so only the PINGs can count as hearing from raw
        raw.answer(MessageType.UPDATE, (payload, from) -> RawPeer.Reply.status(503));
        Instant joined = lastHeardFrom(a, "raw");

        sim.runFor(SimulatedNetwork.TICK.multipliedBy(10));

        assertThat(raw.received(MessageType.PING)).hasSizeBetween(9, 11)
                .allSatisfy(ping -> assertThat(ping.payload()).containsExactly(' '));
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "raw");
        assertThat(lastHeardFrom(a, "raw")).as("an answered PING counts as hearing from the peer")
                .isAfter(joined.plus(SimulatedNetwork.TICK.multipliedBy(8)));
    }

    @Test
    void aPeerThatFailsEveryAttemptOfAPingIsDroppedAsUnreachable(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.server().endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        raw.answer(MessageType.PING, (payload, from) -> RawPeer.Reply.status(500));
        // Any answered message proves a peer alive: raw fails its gossip too.
        raw.answer(MessageType.UPDATE, (payload, from) -> RawPeer.Reply.status(500));

        sim.await("raw is dropped", () -> !a.server().peers().contains("raw"),
                SimulatedNetwork.TICK.multipliedBy(2).plus(SimulatedNetwork.EXCHANGE_TIMEOUT));
        sim.runFor(Duration.ofMillis(1));

        assertThat(raw.received(MessageType.PING)).as("every attempt").hasSize(SimulatedNetwork.ATTEMPTS);
        assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("raw", PeerLeft.Reason.UNREACHABLE));
        assertThat(a.server().readData("raw", "anything")).isEmpty();
    }

    @Test
    void onePingAttemptLostIsNotEnoughToDropAPeer(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(200);
        int[] pings = {0};
        raw.answer(MessageType.PING, (payload, from) -> ++pings[0] % 2 == 1 ? RawPeer.Reply.status(500) : RawPeer.Reply.ok(new byte[0]));

        sim.runFor(SimulatedNetwork.TICK.multipliedBy(5));

        assertThat(pings[0]).isGreaterThanOrEqualTo(8);
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "raw");
    }

    private static Instant lastHeardFrom(DSNodeServer node, String peerId) {
        return node.node().peerInfo(peerId).flatMap(PeerInfo::lastHeardFrom).orElseThrow();
    }
}
