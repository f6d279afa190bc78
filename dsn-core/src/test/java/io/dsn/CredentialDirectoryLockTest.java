package io.dsn;

import io.dsn.internal.crypto.CredentialLock;
import io.dsn.support.NetworkExtension;
import io.dsn.support.SimulatedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13's identity: one node id and credential directory, one running node. A second one,
 * in this process or another, fails at once with a message naming the directory, instead of
 * racing the first for the key pair and overwriting its state in the network.
 */
@ExtendWith(NetworkExtension.class)
class CredentialDirectoryLockTest {

    @Test
    void aSecondNodeWithTheSameIdentityInThisProcessFailsAtCreationAndTheFirstServesOn(SimulatedNetwork sim) {
        DSNodeServer first = sim.start("a");
        Path nodeDir = sim.credentials().resolve("a");

        assertThatThrownBy(() -> sim.create(sim.config("a").build(), DSNMetrics.NONE))
                .isInstanceOf(DSNException.class)
                .hasMessageContaining(nodeDir.toString())
                .hasMessageContaining("in use by another running node");

        DSNodeServer other = sim.start("b", first);
        assertThat(other.peers()).containsExactly("b", "a");
    }

    @Test
    void theLockIsReleasedWhenTheNodeStops(SimulatedNetwork sim) {
        DSNodeServer first = sim.start("a");
        first.stop();

        DSNodeServer again = sim.start("a");

        assertThat(again.isServing()).isTrue();
    }

    @Test
    void nodesWithOtherIdsShareTheCredentialDirectory(SimulatedNetwork sim) {
        DSNodeServer a = sim.start("a");
        DSNodeServer b = sim.start("b", a);

        assertThat(b.peers()).containsExactly("b", "a");
    }

    @Test
    void aNodeWhoseIdentityIsHeldByAnotherProcessFailsAtCreation(SimulatedNetwork sim) throws Exception {
        Path nodeDir = sim.credentials().resolve("a");
        Process holder = holdLockInAnotherProcess(nodeDir);
        try {
            assertThatThrownBy(() -> sim.create(sim.config("a").build(), DSNMetrics.NONE))
                    .isInstanceOf(DSNException.class)
                    .hasMessageContaining(nodeDir.toString());
        } finally {
            holder.getOutputStream().close();   // the holder exits when its input ends
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(sim.start("a").isServing()).as("once the other process is gone").isTrue();
    }

    /** Starts a JVM that locks the directory, and returns once it holds the lock. */
    private static Process holdLockInAnotherProcess(Path nodeDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), nodeDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(output.readLine()).as("the other process reports the lock").isEqualTo("locked");
        return process;
    }

    /** The other process: holds a node's credential lock until its standard input ends. */
    static final class LockHolder {

        public static void main(String[] args) throws IOException {
            try (CredentialLock lock = CredentialLock.acquire(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to close our input
                }
            }
        }
    }
}
