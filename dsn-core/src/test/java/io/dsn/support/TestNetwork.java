package io.dsn.support;

import io.dsn.DSNEvent;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Starts nodes on ephemeral loopback ports with one network key and a fast tick, each with its
 * own credential directory under a test's temporary folder, and stops them all on close.
 */
public final class TestNetwork implements AutoCloseable {

    public static final Duration TICK = Duration.ofMillis(200);

    private final Path credentials;
    private final String networkKey = DSNodeServer.generateKey();
    private final List<DSNodeServer> started = new ArrayList<>();

    public TestNetwork(Path credentials) {
        this.credentials = credentials;
    }

    public String networkKey() {
        return networkKey;
    }

    /** A configuration for a node of this network: port 0, loopback, fast tick and retries. */
    public DSNodeConfig.Builder config(String nodeId, DSNodeServer... bootstrap) {
        DSNodeConfig.Builder builder = DSNodeConfig.builder()
                .nodeId(nodeId)
                .port(0)
                .aesKey(networkKey)
                .credentialDir(credentials)
                .networkIp("127.0.0.1")
                .bindAddress("127.0.0.1")
                .tickInterval(TICK)
                .requestTimeout(Duration.ofSeconds(2))
                .attempts(2)
                .retryPause(Duration.ofMillis(50));
        for (DSNodeServer node : bootstrap) {
            builder.addBootstrapNode(node.endpoint());
        }
        return builder;
    }

    public DSNodeServer start(String nodeId, DSNodeServer... bootstrap) {
        return start(config(nodeId, bootstrap).build());
    }

    public DSNodeServer start(DSNodeConfig config, io.dsn.DSNListener... listeners) {
        DSNodeServer server = DSNodeServer.start(config, listeners);
        started.add(server);
        return server;
    }

    /** Starts a node that records every event it hears. */
    public Recorded startRecorded(DSNodeConfig config) {
        List<DSNEvent> events = new CopyOnWriteArrayList<>();
        DSNodeServer server = start(config, events::add);
        return new Recorded(server, events);
    }

    public DSNodeConfig withBootstrap(UnaryOperator<DSNodeConfig.Builder> change, String nodeId, Endpoint... bootstrap) {
        DSNodeConfig.Builder builder = config(nodeId);
        for (Endpoint endpoint : bootstrap) {
            builder.addBootstrapNode(endpoint);
        }
        return change.apply(builder).build();
    }

    @Override
    public void close() {
        started.forEach(DSNodeServer::stop);
    }

    /** A node with the events it heard, in order. */
    public record Recorded(DSNodeServer server, List<DSNEvent> events) {

        public <T extends DSNEvent> List<T> eventsOf(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
