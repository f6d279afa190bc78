package io.dsn.interop;

import io.dsn.DSNEvent;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network of Java and Python nodes on loopback with one network key, for one test. Every node
 * has its own credential directory under the test's temporary folder; every Python node logs to
 * {@code target/interop-logs/<test>/<node>-<n>.log}. {@link #close()} stops every Java node and
 * kills every Python process it started, whatever the test's outcome.
 */
final class InteropNetwork implements AutoCloseable {

    /**
     * The Java nodes' tick. The Python node's is fixed at 3 s; a Java node ticks faster so
     * that the Java side is never what a test waits for.
     */
    static final Duration JAVA_TICK = Duration.ofMillis(500);

    private final PythonEnvironment python;
    private final Path credentials;
    private final Path logs;
    private final String networkKey = DSNodeServer.generateKey();
    private final List<DSNodeServer> javaNodes = new CopyOnWriteArrayList<>();
    private final List<PythonNode> pythonNodes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> incarnations = new ConcurrentHashMap<>();

    InteropNetwork(PythonEnvironment python, Path credentials, Path logs) {
        this.python = python;
        this.credentials = credentials;
        this.logs = logs;
    }

    String networkKey() {
        return networkKey;
    }

    /** A Java node's configuration: port 0, loopback, fast tick; Python's request timeout and attempts. */
    DSNodeConfig.Builder javaConfig(String nodeId, Endpoint... bootstrap) {
        DSNodeConfig.Builder builder = DSNodeConfig.builder()
                .nodeId(nodeId)
                .port(0)
                .aesKey(networkKey)
                .credentialDir(credentials.resolve(nodeId))
                .networkIp("127.0.0.1")
                .bindAddress("127.0.0.1")
                .tickInterval(JAVA_TICK)
                .requestTimeout(Duration.ofSeconds(2))
                .attempts(3)
                .retryPause(Duration.ofMillis(200));
        for (Endpoint endpoint : bootstrap) {
            builder.addBootstrapNode(endpoint);
        }
        return builder;
    }

    /** Starts a Java node that joins through the first of {@code bootstrap} that answers (none: it founds the network). */
    JavaNode java(String nodeId, Endpoint... bootstrap) {
        return java(javaConfig(nodeId, bootstrap).build());
    }

    JavaNode java(DSNodeConfig config) {
        List<DSNEvent> events = new CopyOnWriteArrayList<>();
        DSNodeServer server = DSNodeServer.start(config, events::add);
        javaNodes.add(server);
        return new JavaNode(server, events);
    }

    /** Stops a Java node (if it still runs) and starts it again: same id, credential directory, port and bootstrap nodes. */
    JavaNode restart(JavaNode node) {
        node.stop();
        return java(node.server().config().toBuilder().port(node.endpoint().port()).build());
    }

    /** Stops a Java node and starts another one with its id and port but a new credential directory, so a new key pair. */
    JavaNode javaWithNewKeys(JavaNode node, Endpoint... bootstrap) {
        node.stop();
        return java(javaConfig(node.nodeId(), bootstrap)
                .port(node.endpoint().port())
                .credentialDir(credentials.resolve(node.nodeId() + "-new-keys"))
                .build());
    }

    /** Starts a Python node on a free port that joins through the first of {@code bootstrap} that answers. */
    PythonNode python(String nodeId, Endpoint... bootstrap) {
        PythonNode node = launch(nodeId, credentials.resolve(nodeId));
        node.start(networkKey, 0, List.of(bootstrap));
        return node;
    }

    /**
     * Restarts a Python node: same id, credential directory, port and bootstrap nodes. The new
     * process is loaded before the old one is killed (if it still runs), so the port is closed
     * only while the node starts.
     */
    PythonNode restart(PythonNode node) {
        PythonNode next = launch(node.nodeId(), node.credentialDir());
        node.kill();
        next.start(networkKey, node.endpoint().port(), node.bootstrap());
        return next;
    }

    /** Kills a Python node and starts another one with its id and port but a new credential directory, so a new key pair. */
    PythonNode pythonWithNewKeys(PythonNode node, Endpoint... bootstrap) {
        PythonNode next = launch(node.nodeId(), credentials.resolve(node.nodeId() + "-new-keys"));
        node.kill();
        next.start(networkKey, node.endpoint().port(), List.of(bootstrap));
        return next;
    }

    private PythonNode launch(String nodeId, Path credentialDir) {
        int incarnation = incarnations.computeIfAbsent(nodeId, id -> new AtomicInteger()).incrementAndGet();
        PythonNode node = PythonNode.launch(python, nodeId, credentialDir, logs.resolve(nodeId + "-" + incarnation + ".log"));
        pythonNodes.add(node);
        return node;
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (DSNodeServer server : javaNodes) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (PythonNode node : pythonNodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not stop every node of the test");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
