package io.dsn;

import io.dsn.crypto.CredentialStore;
import io.dsn.crypto.NetworkCipher;
import io.dsn.crypto.NetworkKey;
import io.dsn.crypto.NodeKeyPair;
import io.dsn.node.NodeEngine;
import io.dsn.transport.HttpTransport;
import io.dsn.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a DSN node: its HTTP server, its tick and its connection to the network.
 *
 * <pre>{@code
 * try (DSNodeServer server = DSNodeServer.start(config)) {
 *     server.updateData("temperature", "21.5");
 *     server.readData("other-node", "temperature");
 * }
 * }</pre>
 */
public final class DSNodeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DSNodeServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DSNodeConfig config;
    private final NodeEngine node;
    private final Transport transport;
    private final Optional<NetworkKey> networkKey;
    private volatile boolean serving;
    private volatile boolean shutDown;

    private DSNodeServer(DSNodeConfig config, NodeEngine node, Transport transport, Optional<NetworkKey> networkKey) {
        this.config = config;
        this.node = node;
        this.transport = transport;
        this.networkKey = networkKey;
    }

    /**
     * Starts a node and returns once it serves requests and its first bootstrap attempt is over:
     * when a bootstrap node was reachable, {@link #peers()} already lists it.
     *
     * @param listeners listeners registered before the first event
     * @throws PortInUseException when the port is taken
     * @throws DSNException when the node cannot start (unreadable credentials, for example)
     */
    public static DSNodeServer start(DSNodeConfig config, DSNListener... listeners) {
        return start(config, DSNMetrics.NONE, Arrays.asList(listeners));
    }

    /** Starts a node that reports its measurements to {@code metrics}; see {@link #start(DSNodeConfig, DSNListener...)}. */
    public static DSNodeServer start(DSNodeConfig config, DSNMetrics metrics, Collection<? extends DSNListener> listeners) {
        DSNodeServer server = create(config, metrics, listeners);
        server.startServing();
        return server;
    }

    /**
     * Prepares a node without starting it, for containers that start and stop components
     * themselves: {@link #node()} is usable at once (its own state can be written and is sent
     * once the node joins), {@link #startServing()} opens the port and joins the network.
     * The node's key pair and network key are loaded or created here.
     */
    public static DSNodeServer create(DSNodeConfig config, DSNMetrics metrics, Collection<? extends DSNListener> listeners) {
        CredentialStore credentials = new CredentialStore(config.credentialDir(), config.nodeId());
        NodeKeyPair keys = credentials.loadOrCreateOwnKeyPair(RANDOM);
        Optional<NetworkKey> networkKey = networkKeyFor(config, credentials);
        NetworkCipher cipher = networkKey.map(NetworkCipher::aes).orElseGet(NetworkCipher::plaintext);
        Transport transport = new HttpTransport(config.maxBodySize(), config.serverThreads(),
                config.requestTimeout(), config.nodeId());
        NodeEngine node = new NodeEngine(config, keys, credentials, cipher, transport, metrics);
        listeners.forEach(node::addListener);
        return new DSNodeServer(config, node, transport, networkKey);
    }

    /**
     * Opens the node's port and joins the network; returns once the first bootstrap attempt is
     * over. A node serves once: after {@link #stop()} create a new one.
     *
     * @throws PortInUseException when the port is taken
     * @throws IllegalStateException when the node already serves or was stopped
     */
    public synchronized void startServing() {
        if (serving || shutDown) {
            throw new IllegalStateException("DSN node " + config.nodeId() + (shutDown ? " was stopped" : " already serves"));
        }
        try {
            int port = transport.listen(config.bindAddress(), config.port(), node.requestHandler());
            serving = true;
            node.start(new Endpoint(config.networkIp(), port));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The key messages are encrypted with: configured, stored by an earlier run, or generated now; none without encryption. */
    private static Optional<NetworkKey> networkKeyFor(DSNodeConfig config, CredentialStore credentials) {
        if (!config.encryption()) {
            log.warn("DSN node {} runs WITHOUT encryption: anyone on the network can read and forge its messages",
                    config.nodeId());
            return Optional.empty();
        }
        Optional<String> configured = config.aesKey();
        if (configured.isPresent()) {
            return Optional.of(NetworkKey.parse(configured.get()));
        }
        // A first node with no key: generate the network's key once and keep it beside the credentials.
        Optional<String> stored = credentials.loadNetworkKey();
        if (stored.isPresent()) {
            log.info("DSN node {} uses the network key stored in {}", config.nodeId(),
                    config.credentialDir().resolve(config.nodeId()));
            return Optional.of(NetworkKey.parse(stored.get()));
        }
        NetworkKey generated = NetworkKey.generate(RANDOM);
        credentials.storeNetworkKey(generated);
        log.info("DSN node {} generated a new network key and stored it in {}. Other nodes join this network with "
                        + "aes_key={} and bootstrap_nodes=[{address: <this host>, port: {}}]",
                config.nodeId(), config.credentialDir().resolve(config.nodeId()), generated.toHex(),
                config.port() == 0 ? "<its port>" : config.port());
        return Optional.of(generated);
    }

    /** A new random network key: 64 hex characters. */
    public static String generateKey() {
        return NetworkKey.generate(RANDOM).toHex();
    }

    /** The running node. */
    public DSNode node() {
        return node;
    }

    public String nodeId() {
        return node.nodeId();
    }

    /** Where peers reach this node, with the port it really listens on. */
    public Endpoint endpoint() {
        return node.endpoint();
    }

    public Collection<String> peers() {
        return node.peers();
    }

    public Optional<String> readData(String nodeId, String key) {
        return node.readData(nodeId, key);
    }

    public void updateData(String key, String value) {
        node.updateData(key, value);
    }

    public void updateData(Map<String, String> entries) {
        node.updateData(entries);
    }

    public String sendToNode(String nodeId, byte[] data) {
        return node.sendToNode(nodeId, data);
    }

    /** Lists the node's peers (with itself), as {@link DSNode#peerInfos()}. */
    public List<PeerInfo> peerInfos() {
        return node.peerInfos();
    }

    /** Whether the node listens and takes part in the network (started and not stopped). */
    public boolean isServing() {
        return serving && !shutDown;
    }

    public boolean isShutDown() {
        return shutDown;
    }

    /**
     * The network key this node encrypts with, as 64 hex characters: the configured one, or the
     * one it generated (or stored earlier) as the first node of its network. Empty when encryption
     * is off. Other nodes need it to join: keep it secret.
     */
    public Optional<String> networkKey() {
        return networkKey.map(NetworkKey::toHex);
    }

    /** The configuration the node runs with. */
    public DSNodeConfig config() {
        return config;
    }

    /** Stops the node: its port is free and every thread of it has ended when this returns. */
    public synchronized void stop() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        node.stop();
        transport.close();
        if (serving) {
            log.info("DSN node {} stopped", node.nodeId());
        }
    }

    @Override
    public void close() {
        stop();
    }
}
