package io.dsn.interop;

import io.dsn.PeerLeft;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios 5 to 7: nodes of either kind that stop, come back, or come back with another key
 * pair, as seen by the Java and the Python nodes that stay.
 */
class MembershipInteropTest extends InteropTestBase {

    // Scenario 5: a stopped node is dropped by both kinds.

    @Test
    void stoppedJavaNodeIsDroppedByJavaAndPythonNodes() {
        JavaNode java1 = network.java("java-1");
        PythonNode py1 = network.python("py-1", java1.endpoint());
        JavaNode java2 = network.java("java-2", py1.endpoint());
        PythonNode py2 = network.python("py-2", java2.endpoint());
        JavaNode leaving = network.java("java-leaving", py2.endpoint());
        awaitMembers(java1, py1, java2, py2, leaving);

        leaving.stop();

        awaitDropped("java-leaving", java1, java2, py1, py2);
        // Java peers took its LEAVE at once; Python peers answered it 404 and dropped it after failed pings.
        assertEachHeardOneLeave("java-leaving", PeerLeft.Reason.LEFT, List.of(java1, java2), List.of(py1, py2));
    }

    @Test
    void killedPythonNodeIsDroppedByJavaAndPythonNodes() {
        JavaNode java1 = network.java("java-1");
        PythonNode py1 = network.python("py-1", java1.endpoint());
        JavaNode java2 = network.java("java-2", py1.endpoint());
        PythonNode py2 = network.python("py-2", java2.endpoint());
        PythonNode leaving = network.python("py-leaving", java1.endpoint());
        awaitMembers(java1, py1, java2, py2, leaving);

        leaving.kill();

        awaitDropped("py-leaving", java1, java2, py1, py2);
        assertEachHeardOneLeave("py-leaving", PeerLeft.Reason.UNREACHABLE, List.of(java1, java2), List.of(py1, py2));
    }

    // Scenario 6: a restarted node (same id, credential directory and port) is taken back, with its new state.

    @Test
    void restartedJavaNodeIsTakenBackByJavaAndPythonNodes() {
        JavaNode java1 = network.java("java-1");
        PythonNode py1 = network.python("py-1", java1.endpoint());
        PythonNode py2 = network.python("py-2", java1.endpoint());
        JavaNode restarting = network.java("java-restarting", py1.endpoint());
        awaitMembers(java1, py1, py2, restarting);
        restarting.write("generation", "first");
        awaitEveryoneReads("java-restarting", "generation", "first", java1, py1, py2);

        restarting.stop();
        awaitDropped("java-restarting", java1, py1, py2);
        JavaNode restarted = network.restart(restarting);
        restarted.write("generation", "second");

        assertThat(restarted.endpoint()).isEqualTo(restarting.endpoint());
        awaitMembers(java1, py1, py2, restarted);
        awaitEveryoneReads("java-restarting", "generation", "second", java1, py1, py2);
    }

    @Test
    void restartedPythonNodeIsTakenBackByJavaAndPythonNodes() {
        JavaNode java1 = network.java("java-1");
        JavaNode java2 = network.java("java-2", java1.endpoint());
        PythonNode py1 = network.python("py-1", java1.endpoint());
        PythonNode restarting = network.python("py-restarting", java2.endpoint());
        awaitMembers(java1, java2, py1, restarting);
        restarting.write("generation", "first");
        awaitEveryoneReads("py-restarting", "generation", "first", java1, java2, py1);

        restarting.kill();
        awaitDropped("py-restarting", java1, java2, py1);
        PythonNode restarted = network.restart(restarting);
        restarted.write("generation", "second");

        assertThat(restarted.endpoint()).isEqualTo(restarting.endpoint());
        awaitMembers(java1, java2, py1, restarted);
        awaitEveryoneReads("py-restarting", "generation", "second", java1, java2, py1);
    }

    // Scenario 7: a node that comes back under a known id with a new key pair is refused by both kinds.

    @Test
    void javaNodeWithNewKeyPairIsRefusedByJavaAndPythonNodes() {
        JavaNode java1 = network.java("java-1");
        PythonNode py1 = network.python("py-1", java1.endpoint());
        JavaNode original = network.java("java-rekeyed", py1.endpoint());
        awaitMembers(java1, py1, original);
        original.stop();
        awaitDropped("java-rekeyed", java1, py1);

        // It tries the Python node first, then the Java node, and again every tick.
        JavaNode impostor = network.javaWithNewKeys(original, py1.endpoint(), java1.endpoint());
        impostor.write("claim", "I am java-rekeyed");

        // java-1's repair may greet the endpoint it still knows for java-rekeyed: the impostor then
        // takes java-1's HELLO (as any node with the network key would under a fresh id) while java-1
        // refuses the impostor's. The Python node never greets it. What matters is that nobody takes it.
        within(STAYS_OUT.plus(CONVERGE)).during(STAYS_OUT).untilAsserted(() -> {
            assertThat(impostor.peers()).as("peers of the impostor").contains("java-rekeyed").doesNotContain("py-1");
            assertThat(java1.peers()).as("peers of java-1").containsExactlyInAnyOrder("java-1", "py-1");
            assertThat(py1.peers()).as("peers of py-1").containsExactlyInAnyOrder("java-1", "py-1");
        });

        // The pinned key is still the original one: the original node is taken back.
        impostor.stop();
        JavaNode back = network.restart(original);
        awaitMembers(java1, py1, back);
    }

    @Test
    void pythonNodeWithNewKeyPairIsRefusedByJavaAndPythonNodes() {
        JavaNode java1 = network.java("java-1");
        PythonNode py1 = network.python("py-1", java1.endpoint());
        PythonNode original = network.python("py-rekeyed", java1.endpoint());
        awaitMembers(java1, py1, original);
        original.kill();
        awaitDropped("py-rekeyed", java1, py1);

        // It tries the Java node first, then the Python node (the reference bootstraps only at start).
        PythonNode impostor = network.pythonWithNewKeys(original, java1.endpoint(), py1.endpoint());
        impostor.write("claim", "I am py-rekeyed");

        // The impostor's own view is not asserted: java-1's repair may greet the endpoint py-1 still
        // lists for py-rekeyed, and the Python impostor may then hold java-1's state (what any node
        // with the network key gets under a fresh id). What matters is that nobody takes it.
        within(STAYS_OUT.plus(CONVERGE)).during(STAYS_OUT).untilAsserted(() -> {
            assertThat(java1.peers()).as("peers of java-1").containsExactlyInAnyOrder("java-1", "py-1");
            assertThat(py1.peers()).as("peers of py-1").containsExactlyInAnyOrder("java-1", "py-1");
        });

        // The pinned key is still the original one: the original node is taken back.
        impostor.kill();
        PythonNode back = network.restart(original);
        awaitMembers(java1, py1, back);
    }

    private static void awaitEveryoneReads(String nodeId, String key, String value, NetworkNode... readers) {
        within(CONVERGE).untilAsserted(() -> {
            for (NetworkNode reader : readers) {
                assertThat(reader.read(nodeId, key)).as("%s of %s read by %s", key, nodeId, reader).contains(value);
            }
        });
    }

    /** Each Java node heard exactly one PeerLeft of the node, and each Python node ran its disconnect callback once. */
    private static void assertEachHeardOneLeave(String nodeId, PeerLeft.Reason reason, List<JavaNode> javas,
                                                List<PythonNode> pythons) {
        for (JavaNode java : javas) {
            assertThat(java.eventsOf(PeerLeft.class)).as("%s's PeerLeft events", java)
                    .containsExactly(new PeerLeft(nodeId, reason));
        }
        for (PythonNode python : pythons) {
            assertThat(python.disconnects()).as("disconnect callbacks of %s", python).isEqualTo(1);
        }
    }
}
