package io.dsn;

import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.WireTime;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replays and rollbacks of issue 13, each tried against a real node on the in-memory network:
 * captured packets sent again, as an outsider without the network key can.
 */
@ExtendWith(NetworkExtension.class)
class ReplayAndRollbackTest {

    /** A timestamp for the raw peer's states: 2025-12-31T23:00:00Z, before the virtual clock's start. */
    private static final double T = 1_767_222_000.0;
    private static final Duration UNTIL_DROPPED =
            SimulatedNetwork.TICK.multipliedBy(2).plus(SimulatedNetwork.EXCHANGE_TIMEOUT);

    @Test
    void anOldUpdateReplayedAfterThePeerWasDroppedAndReadmittedIsNotTaken(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeerAt("raw", new Endpoint("127.0.0.1", 9));
        byte[] captured = capturedThenSuperseded(raw, a);
        sim.await("raw is dropped", () -> !a.peers().contains("raw"), UNTIL_DROPPED);
        hello(raw, a);

        RawPeer.Response replayed = raw.post(a.endpoint(), "/update", captured);

        assertThat(replayed.status()).as("answered like any stale state").isEqualTo(200);
        assertThat(a.readData("raw", "door")).as("the captured state is older than one taken before").isEmpty();
        assertThat(update(raw, a, T + 20, Map.of("door", "locked")).payload()).as("a newer state is news").isNotEmpty();
        assertThat(a.readData("raw", "door")).contains("locked");
    }

    @Test
    void anOldUpdateReplayedAfterTheNodeRestartedIsNotTaken(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeerAt("raw", new Endpoint("127.0.0.1", 9));
        byte[] captured = capturedThenSuperseded(raw, a);
        a.stop();

        DSNodeServer restarted = sim.start("a");
        RawPeer.Response replayed = raw.post(restarted.endpoint(), "/update", captured);

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(restarted.readData("raw", "door")).isEmpty();
        assertThat(update(raw, restarted, T + 10, Map.of("door", "locked")).payload())
                .as("the newest state taken before the restart is still good").isNotEmpty();
        assertThat(restarted.readData("raw", "door")).contains("locked");
    }

    @Test
    void theSameDataWithANewerTimestampAdvancesItSoThatAnOlderOtherStateIsRefused(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a);
        update(raw, a, T, Map.of("door", "locked"));
        byte[] captured = raw.encrypt(MessageType.UPDATE, raw.signedState(T + 1, Map.of("door", "open")).encode());
        assertThat(update(raw, a, T + 2, Map.of("door", "locked")).payload()).as("a repeat is no news").isEmpty();

        assertThat(raw.post(a.endpoint(), "/update", captured).status()).isEqualTo(200);

        assertThat(a.readData("raw", "door")).contains("locked");
        assertThat(a.node().peerInfo("raw")).hasValueSatisfying(info ->
                assertThat(info.lastUpdate()).isEqualTo(Instant.ofEpochSecond((long) T + 2)));
    }

    @Test
    void timestampsThatAreNotATimeOrFarAheadAreNeverTakenAndDoNotFreezeThePeer(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        hello(raw, a.server());
        double now = WireTime.toSeconds(sim.runtime().clock().instant());

        for (double unusable : new double[] {Double.NaN, Double.POSITIVE_INFINITY, now + 3_600, 1e300}) {
            RawPeer.Response response = update(raw, a.server(), unusable, Map.of("k", "frozen at " + unusable));
            assertThat(response.status()).as("%s", unusable).isEqualTo(200);
            assertThat(response.payload()).as("%s", unusable).isEmpty();
        }
        assertThat(a.server().readData("raw", "k")).isEmpty();
        assertThat(update(raw, a.server(), now + 60, Map.of("k", "a minute ahead")).payload())
                .as("a clock a little ahead is fine").isNotEmpty();
        assertThat(update(raw, a.server(), now + 61, Map.of("k", "next")).payload()).isNotEmpty();
        assertThat(a.server().readData("raw", "k")).contains("next");
    }

    @Test
    void anOldHelloReplayedFromElsewhereDoesNotMoveAKnownPeer(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer raw = sim.rawPeer("raw");
        byte[] captured = raw.encrypt(MessageType.HELLO, raw.signedHello().encode());
        assertThat(raw.post(a.server().endpoint(), "/hello", captured).status()).isEqualTo(200);
        RawPeer replayer = sim.rawPeerAt("raw", raw.endpoint(), "10.6.6.6");

        assertThat(replayer.post(a.server().endpoint(), "/hello", captured).status())
                .as("answered like any HELLO: the replay cannot be told apart").isEqualTo(200);
        sim.runFor(SimulatedNetwork.TICK.multipliedBy(3).plus(SimulatedNetwork.EXCHANGE_TIMEOUT));

        assertThat(a.server().node().peerInfo("raw")).hasValueSatisfying(info ->
                assertThat(info.endpoint()).isEqualTo(raw.endpoint()));
        assertThat(a.eventsOf(PeerLeft.class)).as("never dropped").isEmpty();
    }

    @Test
    void aPeerThatReallyMovedIsMovedOnceItAnswersThere(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        Endpoint before = b.endpoint();
        b.stop();
        DSNodeServer moved = sim.start("b", a);
        assertThat(moved.endpoint()).isNotEqualTo(before);

        sim.await("a moves b to its new endpoint", () -> a.node().peerInfo("b")
                .map(info -> info.endpoint().equals(moved.endpoint())).orElse(false), SimulatedNetwork.EXCHANGE_TIMEOUT);
        moved.updateData("k", "from the new endpoint");
        sim.await("a reads b", () -> a.readData("b", "k").isPresent(), SimulatedNetwork.TICK);
    }

    /** The raw peer joins, has an UPDATE taken (captured on the way), then a newer one: the body of the first. */
    private static byte[] capturedThenSuperseded(RawPeer raw, DSNodeServer node) {
        hello(raw, node);
        byte[] captured = raw.encrypt(MessageType.UPDATE, raw.signedState(T, Map.of("door", "open")).encode());
        assertThat(raw.post(node.endpoint(), "/update", captured).status()).isEqualTo(200);
        assertThat(update(raw, node, T + 10, Map.of("door", "locked")).payload()).isNotEmpty();
        return captured;
    }

    private static RawPeer.Response update(RawPeer raw, DSNodeServer node, double timestamp, Map<String, String> state) {
        return raw.send(node.endpoint(), MessageType.UPDATE, raw.signedState(timestamp, state).encode());
    }

    private static void hello(RawPeer raw, DSNodeServer node) {
        assertThat(raw.send(node.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status())
                .as("HELLO from " + raw.nodeId()).isEqualTo(200);
    }
}
