package io.dsn.interop;

import io.dsn.DataReceived;
import io.dsn.DSNodeConfig;
import io.dsn.MessageTooLargeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two places where a Java node once did worse than a Python one: a state or DATA over the
 * old 1 MiB body limit (refused with 413, which ended the Python sender's tick), and a founder
 * restarted without bootstrap nodes (which answered its Python peers' UPDATE with 401, with the
 * same effect). Each is compared with what an all-Python network does.
 */
class BodyLimitAndRestartInteropTest extends InteropTestBase {

    private static final Duration LARGE = Duration.ofSeconds(60);

    // Body limit. A Python node has no limit on what it sends or accepts.

    /** 200 keys of 10 KB: about 2 MB of state JSON, twice the Java node's former body limit. */
    static Map<String, String> largeState() {
        Map<String, String> state = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            state.put(String.format("key-%03d", i), String.format("%03d", i).repeat(3_400).substring(0, 10_000));
        }
        return state;
    }

    /** A state in one line, for readable failures: its size and a digest of its entries in order. */
    static String summary(Map<String, String> state) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int characters = 0;
        for (Map.Entry<String, String> entry : state.entrySet()) {
            sha256.update((entry.getKey() + "=" + entry.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            characters += entry.getKey().length() + entry.getValue().length();
        }
        return state.size() + " keys, " + characters + " characters, SHA-256 " + HexFormat.of().formatHex(sha256.digest());
    }

    @Test
    void largePythonStateReachesJavaNodesAndThePythonTickSurvives() {
        JavaNode java1 = network.java("java-1");
        PythonNode python = network.python("py-large", java1.endpoint());
        JavaNode java2 = network.java("java-2", java1.endpoint());
        awaitMembers(java1, python, java2);

        Map<String, String> state = largeState();
        python.updateMany(state, LARGE);
        within(CONVERGE).untilAsserted(() -> {
            assertThat(summary(java1.state("py-large"))).as("py-large's state in java-1").isEqualTo(summary(state));
            assertThat(summary(java2.state("py-large"))).as("py-large's state in java-2").isEqualTo(summary(state));
        });

        // Its later small writes reach the Java nodes too.
        python.write("small", "after the large state");
        state.put("small", "after the large state");
        within(CONVERGE).untilAsserted(() -> {
            assertThat(summary(java1.state("py-large"))).as("py-large's state in java-1").isEqualTo(summary(state));
            assertThat(summary(java2.state("py-large"))).as("py-large's state in java-2").isEqualTo(summary(state));
        });

        // Its tick still runs (its gossip of the large state did not fail): it drops a stopped peer.
        java2.stop();
        awaitDropped("java-2", python);
    }

    @Test
    void pythonDataOverOneMebibyteReachesJava() {
        JavaNode java = network.java("java-receiver");
        PythonNode python = network.python("py-sender", java.endpoint());
        awaitMembers(java, python);
        byte[] data = new byte[1536 * 1024];
        new Random(8).nextBytes(data);

        assertThat(python.send("java-receiver", data, LARGE)).isEqualTo("OK");

        within(CONVERGE).untilAsserted(() -> assertThat(java.eventsOf(DataReceived.class))
                .containsExactly(new DataReceived("py-sender", data)));
    }

    @Test
    void javaUpdateOverTheBodyLimitFailsAtOnce() {
        DSNodeConfig config1 = network.javaConfig("java-1").maxBodySize(64 * 1024).build();
        JavaNode java1 = network.java(config1);
        JavaNode java2 = network.java(network.javaConfig("java-2", java1.endpoint()).maxBodySize(64 * 1024).build());
        awaitMembers(java1, java2);

        assertThatThrownBy(() -> java1.write("big", "x".repeat(100_000)))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("max_body_size");

        // Refused as a whole: the node's state is unchanged, and it goes on working.
        assertThat(java1.read("java-1", "big")).isEmpty();
        java1.write("small", "after the refused write");
        within(CONVERGE).untilAsserted(() -> assertThat(java2.read("java-1", "small")).contains("after the refused write"));
        assertThat(java2.read("java-1", "big")).isEmpty();
    }

    // A founder (no bootstrap nodes) that restarts with its id, keys and port.

    @Test
    void restartedJavaFounderKeepsItsPythonPeersTicking() {
        JavaNode founder = network.java("java-founder");
        PythonNode py1 = network.python("py-1", founder.endpoint());
        PythonNode py2 = network.python("py-2", founder.endpoint());
        awaitMembers(founder, py1, py2);

        JavaNode restarted = network.restart(founder);

        // Exactly what py-1's tick gossips: it must not fail.
        py1.sendUpdate("java-founder");
        // py-1's later writes reach the restarted founder.
        py1.write("after-restart", "py-1 ✓");
        within(CONVERGE).untilAsserted(() ->
                assertThat(restarted.read("py-1", "after-restart")).as("py-1's write read by the restarted founder")
                        .contains("py-1 ✓"));
        // py-1's tick still runs: it drops a killed peer, and keeps the founder.
        py2.kill();
        awaitDropped("py-2", py1);
        assertThat(py1.peers()).contains("java-founder");
    }

    /**
     * The baseline of the gap above, all Python: the peers of a restarted Python founder keep
     * ticking, because the reference stores an UPDATE from a node it has no address for without
     * a check and answers 200. It never learns their addresses again, so it forgets them at its
     * next tick.
     */
    @Test
    void baselineRestartedPythonFounderKeepsItsPythonPeersTicking() {
        PythonNode founder = network.python("py-founder");
        PythonNode py1 = network.python("py-1", founder.endpoint());
        PythonNode py2 = network.python("py-2", founder.endpoint());
        awaitMembers(founder, py1, py2);

        PythonNode restarted = network.restart(founder);

        py1.sendUpdate("py-founder");
        py1.write("after-restart", "py-1 ✓");
        within(CONVERGE).untilAsserted(() ->
                assertThat(restarted.seen("py-1", "after-restart")).as("py-1's write taken by the restarted founder")
                        .contains("py-1 ✓"));
        py2.kill();
        awaitDropped("py-2", py1);
        assertThat(py1.peers()).contains("py-founder");
        // The restarted founder has no address for its peers: it drops their states at its next tick.
        within(CONVERGE).untilAsserted(() -> assertThat(restarted.peers()).containsExactly("py-founder"));
    }
}
