package io.dsn;

import io.dsn.runtime.NodeRuntime;
import io.dsn.support.DelegatingRuntime;
import io.dsn.support.NetworkExtension;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's silent write loss: a node restarted with its clock a minute behind. Its peers refuse
 * states older than the newest they took from it, so unless its own timestamps continue after
 * those of its previous run, every write of its first minute is ignored by every peer.
 */
@ExtendWith(NetworkExtension.class)
class ClockBehindTest {

    @Test
    void aNodeRestartedWithItsClockBehindIsHeardAtOnce(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        b.updateData("reading", "1");
        sim.await("a reads b", () -> a.readData("b", "reading").isPresent(), SimulatedNetwork.TICK);
        b.stop();

        DSNodeServer behind = start(sim, sim.config("b", a).build(), Duration.ofSeconds(-60));
        for (int i = 2; i <= 5; i++) {
            behind.updateData("reading", String.valueOf(i));
            sim.runFor(Duration.ofSeconds(1));
        }

        sim.await("a reads b's newest write", () -> a.readData("b", "reading").equals(Optional.of("5")),
                SimulatedNetwork.TICK.multipliedBy(2));
        assertThat(behind.peerInfos().get(0).lastUpdate()).as("b's own timestamp continues after its last one")
                .isAfter(sim.runtime().clock().instant().minusSeconds(10));
    }

    /**
     * Found by {@code simulate --explore}, seed 7: a node died a second after a write, before a
     * tick wrote its timestamp, and restarted with its clock 200 s behind. It continued a margin
     * after the timestamp on disk, which was older than the write its peers held, so they took
     * every write of its new run as older and kept the old state.
     */
    @Test
    void aNodeThatDiedRightAfterAWriteAndRestartsWithItsClockBehindIsHeardAtOnce(SimulatedNetwork sim)
            throws IOException {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        sim.runFor(Duration.ofSeconds(20));
        b.updateData("reading", "1");
        sim.await("a reads b", () -> a.readData("b", "reading").isPresent(), SimulatedNetwork.TICK);
        Path file = sim.credentials().resolve("b").resolve("last-timestamp.txt");
        byte[] onDiskWhenItDied = Files.readAllBytes(file);
        b.stop();
        Files.write(file, onDiskWhenItDied);   // it died: what its stop wrote never happened

        DSNodeServer behind = start(sim, sim.config("b", a).build(), Duration.ofSeconds(-60));
        behind.updateData("reading", "2");

        sim.await("a reads b's write of its new run", () -> a.readData("b", "reading").equals(Optional.of("2")),
                SimulatedNetwork.TICK.multipliedBy(3));
    }

    @Test
    void aNodeRestartedWithItsClockRightKeepsFollowingIt(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);
        b.updateData("reading", "1");
        sim.runFor(Duration.ofSeconds(5));
        b.stop();
        sim.runFor(Duration.ofSeconds(5));

        DSNodeServer restarted = sim.start("b", a);
        restarted.updateData("reading", "2");

        Instant now = sim.runtime().clock().instant();
        assertThat(restarted.peerInfos().get(0).lastUpdate()).as("not ahead of the clock")
                .isBetween(now, now.plusMillis(1));
        sim.await("a reads b's write", () -> a.readData("b", "reading").equals(Optional.of("2")),
                SimulatedNetwork.TICK);
    }

    private static DSNodeServer start(SimulatedNetwork sim, DSNodeConfig config, Duration clockOffset) {
        DSNodeServer server = DSNodeServer.builder(config).transport(sim.network().transport())
                .runtime(new SkewedClock(sim.runtime(), clockOffset)).start();
        return sim.closeAtEnd(server);
    }

    /** The simulated network's runtime with a clock that is off by a fixed amount. */
    private static final class SkewedClock extends DelegatingRuntime {

        private final Clock clock;

        SkewedClock(NodeRuntime runtime, Duration offset) {
            super(runtime);
            this.clock = Clock.offset(runtime.clock(), offset);
        }

        @Override
        public Clock clock() {
            return clock;
        }
    }
}
