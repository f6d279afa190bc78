package io.dsn.interop;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gives each test an {@link InteropNetwork} (skipped, or failed when required, without Python)
 * and closes it after the test, whatever the outcome.
 */
abstract class InteropTestBase {

    /** Joining and spreading a state: one Python tick and a few Java ticks are plenty. */
    static final Duration CONVERGE = Duration.ofSeconds(20);

    /**
     * A Python node drops a dead peer at its next tick: up to 3 s of sleep, then three failed
     * attempts 0.5 s apart, after the pings of the peers before it. With a wide margin.
     */
    static final Duration PYTHON_DROP = Duration.ofSeconds(20);

    /** How long a refused node is watched to stay out of the network: two Python ticks. */
    static final Duration STAYS_OUT = Duration.ofSeconds(6);

    @TempDir
    Path credentials;

    InteropNetwork network;

    @BeforeEach
    void createNetwork(TestInfo test) {
        PythonEnvironment python = PythonEnvironment.require();
        String method = test.getTestMethod().map(Method::getName).orElse("test");
        Path logs = python.logs().resolve(getClass().getSimpleName()).resolve(method);
        network = new InteropNetwork(python, credentials, logs);
    }

    @AfterEach
    void closeNetwork() {
        if (network != null) {
            network.close();
        }
    }

    /** Awaitility with a short poll, for conditions that hold within {@code atMost}. */
    static ConditionFactory within(Duration atMost) {
        return await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100));
    }

    static List<String> ids(NetworkNode... nodes) {
        return Arrays.stream(nodes).map(NetworkNode::nodeId).toList();
    }

    /** Waits until every node lists exactly these nodes as its peers (itself included). */
    static void awaitMembers(NetworkNode... nodes) {
        List<String> ids = ids(nodes);
        within(CONVERGE).untilAsserted(() -> {
            for (NetworkNode node : nodes) {
                assertThat(node.peers()).as("peers of %s", node).containsExactlyInAnyOrderElementsOf(ids);
            }
        });
    }

    /** Waits until none of {@code observers} lists {@code nodeId} any more. */
    static void awaitDropped(String nodeId, NetworkNode... observers) {
        within(PYTHON_DROP).untilAsserted(() -> {
            for (NetworkNode observer : observers) {
                assertThat(observer.peers()).as("peers of %s%s", observer, tickOf(observer)).doesNotContain(nodeId);
            }
        });
    }

    /** For failure messages: whether a Python node's tick thread still runs. */
    static String tickOf(NetworkNode node) {
        if (node instanceof PythonNode python && python.isAlive()) {
            return python.tickAlive() ? " (its tick runs)" : " (its tick thread is DEAD)";
        }
        return "";
    }
}
