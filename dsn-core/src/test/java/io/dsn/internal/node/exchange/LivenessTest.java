package io.dsn.internal.node.exchange;

import io.dsn.DSNodeServer;
import io.dsn.PeerLeft;
import io.dsn.internal.protocol.MessageType;
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
import java.util.concurrent.atomic.AtomicInteger;

import static io.dsn.support.SimulatedNetwork.EXCHANGE_TIMEOUT;
import static io.dsn.support.SimulatedNetwork.REQUEST_TIMEOUT;
import static io.dsn.support.SimulatedNetwork.TICK;
import static org.assertj.core.api.Assertions.assertThat;

/** The liveness rules of PROTOCOL.md section 5: a few probes a tick, and reports that are checked, never trusted. */
@ExtendWith(NetworkExtension.class)
class LivenessTest {

    private static final int NODES = 12;

    @Test
    @Seed(11)
    void anIdleNodeProbesAFewPeersATickWhateverTheSizeOfTheNetwork(SimulatedNetwork sim) {
        List<Recorded> nodes = network(sim, NODES);
        sim.runFor(TICK.multipliedBy(3));
        long requestsBefore = sim.network().requestCount();

        int ticks = 30;
        sim.runFor(TICK.multipliedBy(ticks));

        // Two probes, one gossip, a repair every few ticks; pinging every peer would be 16 requests a node and tick.
        double perNodeAndTick = (sim.network().requestCount() - requestsBefore) / (double) (NODES * ticks);
        assertThat(perNodeAndTick).as("requests per node and tick").isBetween(2.0, 4.0);
        assertThat(nodes).allSatisfy(node -> assertThat(node.eventsOf(PeerLeft.class)).isEmpty());
    }

    @Test
    @Seed(12)
    void aBlackholedNodeIsDroppedByEveryOtherOnceOneProbeOfItFailed(SimulatedNetwork sim) {
        List<Recorded> nodes = network(sim, NODES);
        Recorded victim = nodes.get(NODES - 1);
        sim.network().blackhole(victim.server().endpoint());
        Duration blackholed = sim.now();

        sim.await("every node drops the victim", () -> nodes.stream().limit(NODES - 1)
                .noneMatch(node -> node.server().peers().contains(victim.server().nodeId())), TICK.multipliedBy(6));

        // Without the reports, a node probing two of 11 peers a tick could take 6 ticks to probe it.
        assertThat(sim.now().minus(blackholed)).as("the first failed probe, then one check by each other node")
                .isLessThanOrEqualTo(TICK.multipliedBy(2).plus(EXCHANGE_TIMEOUT.multipliedBy(2)));
        sim.runFor(TICK.multipliedBy(3));
        assertThat(nodes.subList(0, NODES - 1)).allSatisfy(node -> assertThat(node.eventsOf(PeerLeft.class))
                .containsExactly(new PeerLeft(victim.server().nodeId(), PeerLeft.Reason.UNREACHABLE)));
    }

    @Test
    void aReportAboutAPeerThatAnswersDropsNobodyButMakesTheReceiverProbeIt(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer liar = sim.rawPeer("liar");
        RawPeer alive = sim.rawPeer("alive");
        greet(a, liar, alive);
        int before = alive.received(MessageType.PING).size();

        assertThat(liar.send(a.server().endpoint(), MessageType.SUSPECT, liar.signedSuspect("alive").encode()).status())
                .isEqualTo(200);
        sim.runFor(REQUEST_TIMEOUT);

        assertThat(alive.received(MessageType.PING).size()).as("probed at once").isGreaterThan(before);
        assertThat(a.server().peers()).contains("alive");
        assertThat(a.eventsOf(PeerLeft.class)).isEmpty();
    }

    @Test
    void aReportFromAnUnknownNodeOrWithABadSignatureIsRefused(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        RawPeer stranger = sim.rawPeer("stranger");
        assertThat(stranger.send(a.endpoint(), MessageType.SUSPECT, stranger.signedSuspect("a").encode()).status())
                .isEqualTo(401);

        RawPeer known = sim.rawPeer("known");
        assertThat(known.send(a.endpoint(), MessageType.HELLO, known.signedHello().encode()).status()).isEqualTo(200);
        var forged = known.signedSuspect("stranger");
        assertThat(known.send(a.endpoint(), MessageType.SUSPECT,
                forged.withSignature(RawPeer.tampered(forged.signature())).encode()).status()).isEqualTo(401);
    }

    @Test
    void aReportArrivingWhileTheNodesOwnProbeWaitsIsCheckedAtOnce(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer reporter = sim.rawPeer("reporter");
        RawPeer victim = sim.rawPeer("victim");
        greet(a, reporter, victim);
        sim.network().blackhole(victim.endpoint());
        // With two peers, a tick probes both: once the reporter is pinged, the probe of the victim waits.
        int pings = reporter.received(MessageType.PING).size();
        sim.await("a's next tick", () -> reporter.received(MessageType.PING).size() > pings, TICK.multipliedBy(2));

        Duration reported = sim.now();
        assertThat(reporter.send(a.server().endpoint(), MessageType.SUSPECT, reporter.signedSuspect("victim").encode())
                .status()).isEqualTo(200);
        sim.await("a drops the victim", () -> !a.server().peers().contains("victim"), TICK);

        // The probe alone would drop it two request timeouts after it began: its first attempt, then the others.
        assertThat(sim.now().minus(reported)).as("one request timeout after the report")
                .isLessThan(REQUEST_TIMEOUT.plus(REQUEST_TIMEOUT.dividedBy(2)));
        sim.runFor(REQUEST_TIMEOUT);
        assertThat(a.eventsOf(PeerLeft.class)).containsExactly(new PeerLeft("victim", PeerLeft.Reason.UNREACHABLE));
    }

    @Test
    void aReportThatDidNotArriveIsSentAgain(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer listener = sim.rawPeer("listener");
        RawPeer victim = sim.rawPeer("victim");
        AtomicInteger reports = new AtomicInteger();
        listener.answer(MessageType.SUSPECT, (payload, from) -> reports.incrementAndGet() == 1
                ? RawPeer.Reply.status(503) : RawPeer.Reply.ok(new byte[0]));
        greet(a, listener, victim);
        sim.network().blackhole(victim.endpoint());

        sim.await("a drops the victim", () -> !a.server().peers().contains("victim"), TICK.multipliedBy(4));
        sim.runFor(EXCHANGE_TIMEOUT);

        assertThat(listener.received(MessageType.SUSPECT)).as("the report, refused once, then again").hasSize(2);
    }

    @Test
    void aPeerThatAnswersBusyIsAlive(SimulatedNetwork sim) {
        Recorded a = sim.startRecorded(sim.config("a").build());
        RawPeer busy = sim.rawPeer("busy");
        assertThat(busy.send(a.server().endpoint(), MessageType.HELLO, busy.signedHello().encode()).status())
                .isEqualTo(200);
        busy.answer(MessageType.PING, (payload, from) -> RawPeer.Reply.status(503));
        busy.answer(MessageType.UPDATE, (payload, from) -> RawPeer.Reply.status(503));

        sim.runFor(TICK.multipliedBy(10));

        assertThat(busy.received(MessageType.PING)).as("probed every tick, the only peer").hasSizeGreaterThan(5);
        assertThat(a.server().peers()).contains("busy");
        assertThat(a.eventsOf(PeerLeft.class)).isEmpty();
    }

    @Test
    void aPeerThatDoesNotKnowReportsStillGetsThemAndNothingBreaks(SimulatedNetwork sim) {
        // A Python peer answers /suspect with 404.
        List<Recorded> nodes = network(sim, 3);
        RawPeer python = sim.rawPeer("python");
        python.answer(MessageType.SUSPECT, (payload, from) -> RawPeer.Reply.status(404));
        assertThat(python.send(nodes.get(0).server().endpoint(), MessageType.HELLO, python.signedHello().encode())
                .status()).isEqualTo(200);
        Recorded victim = nodes.get(2);
        sim.network().blackhole(victim.server().endpoint());

        sim.await("the victim is dropped", () -> !nodes.get(0).server().peers().contains(victim.server().nodeId())
                && !nodes.get(1).server().peers().contains(victim.server().nodeId()), TICK.multipliedBy(6));
        sim.runFor(TICK);

        assertThat(nodes.get(0).server().peers()).contains("python");
    }

    private static List<Recorded> network(SimulatedNetwork sim, int size) {
        List<Recorded> nodes = new ArrayList<>();
        nodes.add(sim.startRecorded(sim.config("n00").build()));
        for (int i = 1; i < size; i++) {
            nodes.add(sim.startRecorded(sim.config(String.format("n%02d", i), nodes.get(0).server()).build()));
        }
        List<String> all = nodes.stream().map(node -> node.server().nodeId()).toList();
        sim.await("the network forms", () -> nodes.stream().allMatch(node -> node.server().peers().containsAll(all)),
                TICK.multipliedBy(10));
        return nodes;
    }

    /** Each raw peer says HELLO to the node, which takes it. */
    private static void greet(Recorded node, RawPeer... raws) {
        for (RawPeer raw : raws) {
            assertThat(raw.send(node.server().endpoint(), MessageType.HELLO, raw.signedHello().encode()).status())
                    .isEqualTo(200);
        }
    }
}
