package io.dsn;

import io.dsn.internal.protocol.MessageType;
import io.dsn.support.CapturedLog;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's credential faults: a credential directory that cannot be written, or a pinned key
 * that cannot be read, never gives a 500 or a stack trace per request, and never stops the node
 * serving everyone else.
 */
@ExtendWith(NetworkExtension.class)
class CredentialFaultsTest {

    private static final double T = 1_767_222_000.0;

    @Test
    void aCorruptPinRefusesThatPeerWith401LoggedOnceAndOthersAreServed(SimulatedNetwork sim) throws IOException {
        DSNodeServer a = sim.start("a");
        Files.write(sim.keyFile("a", "raw"), new byte[] {1, 2, 3});
        RawPeer raw = sim.rawPeer("raw");
        RawPeer other = sim.rawPeer("other");

        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 10; i++) {
                assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status()).isEqualTo(401);
                assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T + i, Map.of("k", "v")).encode())
                        .status()).isEqualTo(401);
            }
            assertThat(other.send(a.endpoint(), MessageType.HELLO, other.signedHello().encode()).status()).isEqualTo(200);

            assertThat(log.linesContaining("raw.pub")).as("logged once").isEqualTo(1);
            assertThat(log.text()).doesNotContain("\tat ").doesNotContain("answered 500");
        }
        assertThat(a.peers()).containsExactly("a", "other");
    }

    @Test
    void anUnwritableCredentialDirectoryNeverGives500AndLetsPeersIn(SimulatedNetwork sim) throws Exception {
        DSNodeServer a = sim.start("a");
        Path nodeDir = sim.credentials().resolve("a");
        try (CapturedLog log = CapturedLog.start(); Unwritable unwritable = Unwritable.make(nodeDir)) {
            for (int i = 0; i < 10; i++) {
                RawPeer raw = sim.rawPeer("raw-" + i);
                assertThat(raw.send(a.endpoint(), MessageType.HELLO, raw.signedHello().encode()).status())
                        .as("HELLO of a new peer").isEqualTo(200);
                assertThat(raw.send(a.endpoint(), MessageType.UPDATE, raw.signedState(T, Map.of("k", "v")).encode())
                        .status()).isEqualTo(200);
            }
            sim.runFor(Duration.ofSeconds(5));

            assertThat(a.peers()).hasSize(11);
            assertThat(log.linesContaining("Cannot write pinned keys")).as("logged once").isEqualTo(1);
            assertThat(log.text()).doesNotContain("\tat ");
            RawPeer impostor = sim.rawPeer("raw-0");
            assertThat(impostor.send(a.endpoint(), MessageType.HELLO, impostor.signedHello().encode()).status())
                    .as("the pin held in memory still refuses another key").isEqualTo(401);
        }
    }

    /** Makes a directory unwritable, even for root where the file system allows it, until closed. */
    private record Unwritable(Path dir, boolean immutable) implements AutoCloseable {

        static Unwritable make(Path dir) throws Exception {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
            boolean immutable = false;
            if (isWritable(dir)) {
                // root ignores permissions; the immutable attribute holds even for root
                immutable = run("chattr", "+i", dir.toString());
            }
            Unwritable made = new Unwritable(dir, immutable);
            if (isWritable(dir)) {
                made.close();
                assumeTrue(false, "cannot make a directory unwritable on this machine");
            }
            return made;
        }

        private static boolean isWritable(Path dir) {
            try {
                Files.delete(Files.createTempFile(dir, "probe", ""));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static boolean run(String... command) throws Exception {
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws Exception {
            if (immutable) {
                run("chattr", "-i", dir.toString());
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
