package io.dsn.spring.test;

import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.transport.InMemoryNetwork;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The in-memory network of a test context with {@link InMemoryDSNNetwork}: the
 * {@link #network() network} itself, for faults, and extra peers on it that join the
 * application's node.
 *
 * <p>A peer is a plain dsn-core node with the application node's configuration (network key,
 * protocol, timings, limits) except for its id, a free port of the network, a credential directory
 * of its own and the application's node as its bootstrap node. Peers stop when the test stops them
 * or the context closes; when the test context cache pauses the context they stop with its node
 * and start again after it. A cached context keeps its peers from one test to the next: stop the
 * ones a test no longer needs.
 */
public final class DSNTestNetwork implements SmartLifecycle, DisposableBean {

    /** Just after the application's node starts (it is the peers' bootstrap node), just before it stops. */
    static final int PHASE = DSNAutoConfiguration.NODE_LIFECYCLE_PHASE + 1;

    private final DSNodeServer application;
    private final InMemoryNetwork network;
    private final Map<String, DSNodeServer> peers = new LinkedHashMap<>();
    private @Nullable Path peerCredentials;
    private boolean running;
    private boolean closed;

    DSNTestNetwork(DSNodeServer application, InMemoryNetwork network) {
        this.application = application;
        this.network = network;
    }

    /** The in-memory network of the application's node and of the peers: for partitions, loss, delays. */
    public InMemoryNetwork network() {
        return network;
    }

    /**
     * The network key the application's node encrypts with (in the secure protocol, its primary
     * key of the moment), as 64 hex characters.
     *
     * @throws IllegalStateException when the node runs without encryption
     */
    public String networkKey() {
        return application.networkKey().orElseThrow(() -> new IllegalStateException(
                "The application's DSN node runs without encryption (dsn.encryption=false): its network has no key"));
    }

    /** Starts a peer with this id that joins the application's node; returns once its first join is over. */
    public DSNode startPeer(String nodeId) {
        return startPeer(nodeId, builder -> { });
    }

    /**
     * Starts a peer with this id that joins the application's node, its configuration changed by
     * {@code customizer} (for example {@code builder -> builder.tickInterval(Duration.ofMillis(100))});
     * returns once its first join is over.
     *
     * @throws IllegalArgumentException when the id is blank or the application node's
     * @throws IllegalStateException when a peer with this id runs already, or the context is closed
     */
    public synchronized DSNode startPeer(String nodeId, Consumer<DSNodeConfig.Builder> customizer) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(customizer, "customizer");
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("A peer needs a node id that is not blank");
        }
        if (nodeId.equals(application.nodeId())) {
            throw new IllegalArgumentException("'" + nodeId + "' is the application's node id: give the peer another one");
        }
        if (closed) {
            throw new IllegalStateException("The test context is closed: no peer starts on its network");
        }
        if (peers.containsKey(nodeId)) {
            throw new IllegalStateException("Peer '" + nodeId + "' runs already: stopPeer(\"" + nodeId + "\") first,"
                    + " or give the new one another id");
        }
        DSNodeConfig.Builder builder = application.config().toBuilder()
                .nodeId(nodeId)
                .port(0)
                .aesKey(application.networkKey().orElse(null))
                .credentialDir(peerCredentials())
                .networkIp(InMemoryNetwork.DEFAULT_ADDRESS)
                .bootstrapNodes(List.of(application.endpoint()));
        customizer.accept(builder);
        DSNodeConfig config = builder.build();
        DSNodeServer peer = DSNodeServer.builder(config)
                .transports(() -> network.transport(config.networkIp()))
                .create();
        peer.startServing();
        peers.put(nodeId, peer);
        return peer.node();
    }

    /**
     * Stops the peer with this id (it tells its peers that it leaves) and forgets it.
     *
     * @throws IllegalArgumentException when no peer has this id
     */
    public synchronized void stopPeer(String nodeId) {
        DSNodeServer peer = peers.remove(nodeId);
        if (peer == null) {
            throw new IllegalArgumentException("No peer '" + nodeId + "' runs; the peers are " + peers.keySet());
        }
        peer.stop();
    }

    /** The peers started and not stopped, in the order they were started. */
    public synchronized List<DSNode> peers() {
        return peers.values().stream().map(DSNodeServer::node).toList();
    }

    private Path peerCredentials() {
        Path directory = peerCredentials;
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("dsn-test-peers-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make a temporary credential directory for the peers", e);
            }
            peerCredentials = directory;
        }
        return directory;
    }

    @Override
    public synchronized void start() {
        running = true;
        peers.values().stream().filter(peer -> !peer.isServing()).forEach(DSNodeServer::startServing);
    }

    @Override
    public synchronized void stop() {
        running = false;
        peers.values().forEach(DSNodeServer::stop);
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public synchronized void destroy() throws IOException {
        closed = true;
        stop();
        peers.clear();
        if (peerCredentials != null) {
            FileSystemUtils.deleteRecursively(peerCredentials);
        }
    }
}
