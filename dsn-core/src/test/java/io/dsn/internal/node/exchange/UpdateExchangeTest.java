package io.dsn.internal.node.exchange;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;
import io.dsn.PeerStateChanged;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.WireTime;
import io.dsn.support.CapturedLog;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** UPDATE, both sides, on the in-memory network in virtual time. */
@ExtendWith(NetworkExtension.class)
class UpdateExchangeTest {

    /** A timestamp for raw peers' states: 2023-11-14T22:13:20.25Z. */
    private static final double T = 1_700_000_000.25;
    private static final Duration SHORT = Duration.ofMillis(100);

    // ---- the server side ----

    @Test
    void aStateIsTakenAnnouncedAndNewsIsAnsweredWithTheNodesOwnSignedState(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        a.server().updateData("mine", "1");
        RawPeer raw = sim.rawPeer("raw");
        HelloPacket aHello = hello(raw, a.server());

        RawPeer.Response response = raw.send(a.server().endpoint(), MessageType.UPDATE,
                raw.signedState(T, Map.of("k", "v")).encode());

        assertThat(response.status()).isEqualTo(200);
        StatePacket answer = StatePacket.decode(response.payload());
        assertThat(answer.nodeId()).isEqualTo("a");
        assertThat(PythonJson.parseState(answer.stateJson())).isEqualTo(Map.of("mine", "1"));
        assertThat(Signatures.verify(aHello.publicKey(), answer.signedPart(), answer.signature())).isTrue();
        assertThat(a.server().node().state("raw")).isEqualTo(Map.of("k", "v"));
        sim.await("the change is announced", () -> !a.eventsOf(PeerStateChanged.class).isEmpty(), SHORT);
        assertThat(a.eventsOf(PeerStateChanged.class)).containsExactly(
                new PeerStateChanged("raw", Map.of(), Map.of("k", "v"), Set.of("k"), WireTime.toInstant(T)));
    }

    @Test
    void aForgedCopyOfAStateTakenBeforeIsStillRefused(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a.server());
        Endpoint target = a.server().endpoint();
        StatePacket genuine = raw.signedState(T, Map.of("k", "v"));
        assertThat(raw.send(target, MessageType.UPDATE, genuine.encode()).status()).isEqualTo(200);
        assertThat(raw.send(target, MessageType.UPDATE, genuine.encode()).status()).as("the same bytes again").isEqualTo(200);
        byte[] tampered = genuine.signature().clone();
        tampered[5] ^= 1;

        RawPeer.Response badSignature = raw.send(target, MessageType.UPDATE,
                new StatePacket("raw", T, tampered, genuine.stateJson()).encode());
        RawPeer.Response otherData = raw.send(target, MessageType.UPDATE,
                new StatePacket("raw", T + 1, genuine.signature(), "{\"k\": \"forged\"}").encode());

        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(otherData.status()).isEqualTo(401);
        assertThat(a.server().node().state("raw")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void aStaleStateOrTheSameDataAgainIsIgnoredAndAnsweredEmpty(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a.server());
        Endpoint target = a.server().endpoint();
        assertThat(raw.send(target, MessageType.UPDATE, raw.signedState(T, Map.of("k", "current")).encode()).payload())
                .isNotEmpty();

        RawPeer.Response older = raw.send(target, MessageType.UPDATE, raw.signedState(T - 1, Map.of("k", "old")).encode());
        RawPeer.Response same = raw.send(target, MessageType.UPDATE, raw.signedState(T + 1, Map.of("k", "current")).encode());

        assertThat(older.status()).isEqualTo(200);
        assertThat(older.payload()).isEmpty();
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.payload()).isEmpty();
        assertThat(a.server().node().state("raw")).isEqualTo(Map.of("k", "current"));
        sim.runFor(SHORT);
        assertThat(a.eventsOf(PeerStateChanged.class)).extracting(PeerStateChanged::current)
                .containsExactly(Map.of("k", "current"));
    }

    @Test
    void anUpdateFromANodeThatNeverSaidHelloIsRefusedWith401(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");

        RawPeer.Response response = raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "v")).encode());

        assertThat(response.status()).isEqualTo(401);
        assertThat(a.peers()).containsExactly("a");
        assertThat(a.readData("raw", "k")).isEmpty();
    }

    @Test
    void anUpdateFromADroppedPeerBringsItBack(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        // listens nowhere: a's first PING to it fails and a drops it
        Endpoint nowhere = new Endpoint("127.0.0.1", 9);
        RawPeer raw = sim.rawPeerAt("raw", nowhere);
        hello(raw, a.server());
        sim.await("raw is dropped", () -> !a.server().peers().contains("raw"),
                SimulatedNetwork.TICK.multipliedBy(2).plus(SimulatedNetwork.EXCHANGE_TIMEOUT));

        RawPeer.Response response = raw.send(a.server().endpoint(), MessageType.UPDATE,
                raw.signedState(T, Map.of("k", "back")).encode());

        assertThat(response.status()).isEqualTo(200);
        assertThat(StatePacket.decode(response.payload()).nodeId()).isEqualTo("a");
        assertThat(a.server().peers()).containsExactlyInAnyOrder("a", "raw");
        assertThat(a.server().readData("raw", "k")).contains("back");
        sim.runFor(Duration.ofMillis(1));
        assertThat(a.eventsOf(PeerJoined.class)).containsExactly(new PeerJoined("raw", nowhere), new PeerJoined("raw", nowhere));
        assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("raw", PeerLeft.Reason.UNREACHABLE));
    }

    /**
     * Found by {@code simulate --explore} (seed 5790, its eavesdropper): a dropped node's last
     * UPDATE, replayed from another address, brought it back at that address, and a dead node was
     * listed again. Only the node's own address brings it back; elsewhere it must say HELLO.
     */
    @Test
    void aDroppedPeersUpdateReplayedFromAnotherAddressBringsNobodyBack(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        Endpoint nowhere = new Endpoint("127.0.0.1", 9);
        RawPeer raw = sim.rawPeerAt("raw", nowhere);
        hello(raw, a.server());
        byte[] captured = raw.encrypt(MessageType.UPDATE, raw.signedState(T, Map.of("k", "v")).encode());
        assertThat(raw.post(a.server().endpoint(), "/update", captured).status()).isEqualTo(200);
        sim.await("raw is dropped", () -> !a.server().peers().contains("raw"),
                SimulatedNetwork.TICK.multipliedBy(2).plus(SimulatedNetwork.EXCHANGE_TIMEOUT));
        RawPeer attacker = sim.rawPeerAt("attacker", new Endpoint("10.9.9.9", 9), "10.9.9.9");

        RawPeer.Response replayed = attacker.post(a.server().endpoint(), "/update", captured);

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(a.server().peers()).containsExactly("a");
        sim.runFor(Duration.ofMillis(1));
        assertThat(a.eventsOf(PeerJoined.class)).containsExactly(new PeerJoined("raw", nowhere));
    }

    // ---- the client side ----

    /** Issue 25: a node answered 429 said nothing; it now says once per peer why that may be and what to do. */
    @Test
    void aPeerThatAnswers429IsLoggedOnceWithTheCausesAndTheirSettings(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer shedding = sim.rawPeer("shedding");
        shedding.answer(MessageType.UPDATE, (payload, from) -> RawPeer.Reply.status(429));
        hello(shedding, a);

        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 3; i++) {
                a.updateData("k", String.valueOf(i));
                sim.runFor(SimulatedNetwork.TICK);
            }
            assertThat(shedding.received(MessageType.UPDATE)).hasSizeGreaterThan(1);
            assertThat(log.linesContaining("with 429")).isEqualTo(1);
            assertThat(log.text()).contains("max_peers").contains("new_keys_per_minute").contains("unreadable requests");
        }
    }

    @Test
    void aWriteIsSentToEveryPeerSignedAndAStateInTheAnswerIsTaken(SimulatedNetwork sim) throws IOException {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a);
        raw.answer(MessageType.UPDATE, (payload, from) ->
                RawPeer.Reply.ok(raw.signedState(T, Map.of("theirs", "1")).encode()));

        a.updateData("mine", "2");
        sim.await("a takes the state in raw's answer", () -> a.readData("raw", "theirs").isPresent(), SHORT);

        StatePacket sent = StatePacket.decode(raw.received(MessageType.UPDATE).get(0).payload());
        assertThat(sent.nodeId()).isEqualTo("a");
        assertThat(PythonJson.parseState(sent.stateJson())).isEqualTo(Map.of("mine", "2"));
        assertThat(Signatures.verify(Files.readAllBytes(sim.keyFile("a", "a")), sent.signedPart(), sent.signature())).isTrue();
        assertThat(a.readData("raw", "theirs")).as("the state in the answer").contains("1");
    }

    @Test
    void aStaleStateInTheAnswerIsIgnored(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a);
        assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "new")).encode()).status())
                .isEqualTo(200);
        raw.answer(MessageType.UPDATE, (payload, from) ->
                RawPeer.Reply.ok(raw.signedState(T - 10, Map.of("k", "old")).encode()));

        a.updateData("mine", "1");
        sim.await("raw gets the UPDATE", () -> !raw.received(MessageType.UPDATE).isEmpty(), SHORT);
        sim.runFor(SHORT);

        assertThat(a.node().state("raw")).isEqualTo(Map.of("k", "new"));
    }

    @Test
    void aPeerThatRefusesAnUpdateWith401IsGreetedAgainAndGetsTheStateAgain(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a);
        // As a peer that restarted and forgot a: every UPDATE is refused until a says HELLO again.
        AtomicBoolean greeted = new AtomicBoolean();
        raw.answer(MessageType.UPDATE, (payload, from) ->
                greeted.get() ? RawPeer.Reply.ok(new byte[0]) : RawPeer.Reply.status(401));
        raw.answer(MessageType.HELLO, (payload, from) -> {
            greeted.set(true);
            return RawPeer.Reply.ok(raw.signedHello().withDetectedAddress(from).encode());
        });

        a.updateData("k", "after restart");
        sim.await("the state arrives after a new HELLO", greeted::get, SHORT);
        sim.await("and the UPDATE after it", () -> raw.received(MessageType.UPDATE).size() >= 2, SHORT);

        List<MessageType> sequence = raw.received().stream().map(RawPeer.Received::type)
                .filter(type -> type != MessageType.PING).toList();
        assertThat(sequence).startsWith(MessageType.UPDATE, MessageType.HELLO, MessageType.UPDATE);
        StatePacket first = StatePacket.decode(raw.received(MessageType.UPDATE).get(0).payload());
        StatePacket again = StatePacket.decode(raw.received(MessageType.UPDATE).get(1).payload());
        assertThat(again.lastUpdate()).isEqualTo(first.lastUpdate());
        assertThat(PythonJson.parseState(again.stateJson())).isEqualTo(Map.of("k", "after restart"));
        assertThat(a.peers()).containsExactlyInAnyOrder("a", "raw");
    }

    /** The same between real nodes (whichever way the restarted node learns of b again). */
    @Test
    void aPeerThatRestartedWithoutMemoryOfTheSenderEndsUpWithItsState(SimulatedNetwork sim) {
        DSNodeServer a = sim.start(sim.config("a").port(7000).build());
        // b pings rarely, so it still holds a when a comes back without any memory of b
        DSNodeServer b = sim.start(sim.config("b", a).tickInterval(Duration.ofMinutes(5)).build());
        assertThat(a.peers()).contains("b");

        a.stop();
        DSNodeServer back = sim.start(sim.config("a").port(7000).build());
        b.updateData("after", "a restarted");

        sim.await("the restarted a takes b back with its state", () -> back.peers().contains("b")
                && back.readData("b", "after").isPresent(), SHORT);
        assertThat(back.readData("b", "after")).contains("a restarted");
    }

    private static HelloPacket hello(RawPeer raw, DSNodeServer node) {
        RawPeer.Response response = raw.send(node.endpoint(), MessageType.HELLO, raw.signedHello().encode());
        assertThat(response.status()).as("HELLO from " + raw.nodeId()).isEqualTo(200);
        return HelloPacket.decode(response.payload());
    }
}
