package io.dsn.support;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Starts real nodes on ephemeral loopback ports with one network key and a fast tick, each with
 * its own credential directory under {@link #credentials()}, and stops them all (and the raw
 * peers made for it) on close. Tests get one from {@link NetworkExtension}.
 */
public final class TestNetwork implements AutoCloseable {

    public static final Duration TICK = Duration.ofMillis(200);

    private final Path credentials;
    private final String networkKey = DSNodeServer.generateKey();
    private final List<DSNodeServer> started = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> others = new CopyOnWriteArrayList<>();

    public TestNetwork(Path credentials) {
        this.credentials = credentials;
    }

    public String networkKey() {
        return networkKey;
    }

    /** The directory under which every node of this network keeps its credentials, one folder per node id. */
    public Path credentials() {
        return credentials;
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

    public DSNodeServer start(DSNodeConfig config, DSNListener... listeners) {
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

    /** Closes something (a raw peer, for example) together with the network. */
    public <T extends AutoCloseable> T closeAtEnd(T closeable) {
        others.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        Teardown.stopAll(started, others);
    }
}
