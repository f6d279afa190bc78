package io.dsn;

import io.dsn.internal.crypto.CredentialLock;
import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.SignatureScheme;
import io.dsn.internal.crypto.SignatureSchemes;
import io.dsn.internal.node.Node;
import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.NodeSignatures;
import io.dsn.runtime.NodeThreads;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.transport.HttpTransport;
import io.dsn.transport.InMemoryNetwork;
import io.dsn.transport.Transport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a DSN node: its server, its tick and its connection to the network.
 *
 * <pre>{@code
 * try (DSNodeServer server = DSNodeServer.start(config)) {
 *     server.updateData("temperature", "21.5");
 *     server.readData("other-node", "temperature");
 * }
 * }</pre>
 *
 * {@link #builder(DSNodeConfig)} gives the node another transport (such as an
 * {@link InMemoryNetwork}'s, for tests), another {@link NodeRuntime} (virtual time), metrics and
 * listeners.
 *
 * <p>A node can stop and start again, any number of times, as a container's lifecycle (or a test
 * context that is paused) wants: it keeps its identity, its own state, its peers' states and the
 * port it listened on first (also when that was a free port picked for {@code port 0}). Each
 * start takes the credential directory's lock again and listens on a new transport: the default
 * HTTP transport is made anew for each start, and so is one given as
 * {@link Builder#transports(Supplier)}; a single transport given as
 * {@link Builder#transport(Transport)} serves one start only.
 */
public final class DSNodeServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DSNodeServer.class);

    private final DSNodeConfig config;
    private final Node node;
    private final Supplier<? extends Transport> transports;
    private final NodeRuntime runtime;
    private final Path credentialDirectory;
    /** Held from creation to stop, and again from each start to the next stop. */
    private @Nullable CredentialLock credentialLock;
    private @Nullable Transport transport;
    private int port;
    private volatile boolean serving;
    private volatile boolean shutDown;

    private DSNodeServer(DSNodeConfig config, Node node, Supplier<? extends Transport> transports, NodeRuntime runtime,
                         Path credentialDirectory, CredentialLock credentialLock) {
        this.config = config;
        this.node = node;
        this.transports = transports;
        this.runtime = runtime;
        this.credentialDirectory = credentialDirectory;
        this.credentialLock = credentialLock;
        this.port = config.port();
    }

    /** A node to be configured further (transport, runtime, metrics, listeners), then created or started. */
    public static Builder builder(DSNodeConfig config) {
        return new Builder(config);
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
        return builder(config).metrics(metrics).listeners(listeners).start();
    }

    /**
     * Prepares a node without starting it, for containers that start and stop components
     * themselves: {@link #node()} is usable at once (its own state can be written and is sent
     * once the node joins), {@link #startServing()} opens the port and joins the network.
     * The node's key pair and network key are loaded or created here, and its credential
     * directory is locked until {@link #stop()}.
     *
     * @throws DSNException when the credentials cannot be read or written, or another running
     *         node holds the credential directory
     */
    public static DSNodeServer create(DSNodeConfig config, DSNMetrics metrics, Collection<? extends DSNListener> listeners) {
        return builder(config).metrics(metrics).listeners(listeners).create();
    }

    /**
     * Opens the node's port and joins the network; returns once the first bootstrap attempt is
     * over. After {@link #stop()} it starts the node again, with the same identity, state and
     * port, and takes the credential directory's lock again.
     *
     * @throws PortInUseException when the port is taken
     * @throws DSNException when another running node holds the credential directory now
     * @throws IllegalStateException when the node already serves, or its one transport served already
     */
    public synchronized void startServing() {
        if (serving) {
            throw new IllegalStateException("DSN node " + config.nodeId() + " already serves");
        }
        if (credentialLock == null) {
            credentialLock = lockCredentials(config, credentialDirectory);
        }
        shutDown = false;
        try {
            Transport listening = transports.get();
            transport = listening;
            port = listening.listen(config.bindAddress(), port, node.requestHandler());
            serving = true;
            awaitFirstJoin(node.start(listening, new Endpoint(config.networkIp(), port)));
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static CredentialLock lockCredentials(DSNodeConfig config, Path nodeDirectory) {
        try {
            return CredentialLock.acquire(nodeDirectory);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new DSNException("DSN node " + config.nodeId() + " cannot start: " + e.getMessage(), e);
        }
    }

    private void awaitFirstJoin(CompletableFuture<Boolean> join) {
        try {
            runtime.await(join, node.joinTimeout());
        } catch (TimeoutException e) {
            log.warn("DSN node {} is still joining after {}; it goes on in the background", config.nodeId(),
                    node.joinTimeout());
        } catch (ExecutionException e) {
            log.warn("DSN node {} could not join: {}", config.nodeId(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The key messages are encrypted with: configured, stored by an earlier run, or generated now; none without encryption. */
    private static Optional<NetworkKey> networkKeyFor(DSNodeConfig config, CredentialStore credentials, NodeRuntime runtime) {
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
        NetworkKey generated = NetworkKey.generate(runtime.secureRandom());
        credentials.storeNetworkKey(generated);
        // The key itself is never logged: logs travel further than a credential directory.
        DSNSettingNaming naming = config.settingNaming();
        log.info("DSN node {} generated a new network key and stored it in {}. Other nodes join this network with"
                        + " {} set to the content of that file (keep it secret) and {} listing this host, port {}",
                config.nodeId(), credentials.networkKeyFile(), naming.nameOf(DSNSettings.AES_KEY),
                naming.nameOf(DSNSettings.BOOTSTRAP_NODES), config.port() == 0 ? "<its port>" : config.port());
        return Optional.of(generated);
    }

    /** A new random network key: 64 hex characters. */
    public static String generateKey() {
        return NetworkKey.generate(NodeRuntime.system().secureRandom()).toHex();
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

    public Optional<String> readData(@Nullable String nodeId, @Nullable String key) {
        return node.readData(nodeId, key);
    }

    public void updateData(String key, String value) {
        node.updateData(key, value);
    }

    public void updateData(Map<String, String> entries) {
        node.updateData(entries);
    }

    public String sendToNode(@Nullable String nodeId, byte[] data) {
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

    /** Whether the node was stopped and has not started again since. */
    public boolean isShutDown() {
        return shutDown;
    }

    /**
     * The network key this node encrypts with, as 64 hex characters: the configured one, or the
     * one it generated (or stored earlier) as the first node of its network; in the secure
     * protocol, the primary key of the moment. Empty when encryption is off. Other nodes need it
     * to join: keep it secret.
     */
    public Optional<String> networkKey() {
        return node.networkKey().map(NetworkKey::toHex);
    }

    /** The configuration the node runs with. */
    public DSNodeConfig config() {
        return config;
    }

    /**
     * Stops the node: what it still had to send is sent and its peers are told that it leaves
     * (each for at most one request timeout), then its port is free, every thread of it has ended
     * and its credential directory is unlocked when this returns. {@link #startServing()} starts
     * it again.
     */
    public synchronized void stop() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        boolean wasServing = serving;
        serving = false;
        try {
            node.stop();
            if (transport != null) {
                transport.close();
                transport = null;
            }
        } finally {
            if (credentialLock != null) {
                credentialLock.close();
                credentialLock = null;
            }
        }
        if (wasServing) {
            log.info("DSN node {} stopped", node.nodeId());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Configures a node beyond its {@link DSNodeConfig}: where it sends and serves, its time, metrics and listeners. */
    public static final class Builder {

        private final DSNodeConfig config;
        private @Nullable Supplier<? extends Transport> transports;
        private @Nullable NodeRuntime runtime;
        private NodeThreads threads = NodeThreads.platform();
        private BootstrapSource bootstrapSource = BootstrapSource.NONE;
        private DSNMetrics metrics = DSNMetrics.NONE;
        private final List<DSNListener> listeners = new ArrayList<>();

        private Builder(DSNodeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * The transport the node serves and sends with, for example
         * {@link InMemoryNetwork#transport()}; HTTP when not set. The node closes it when it stops,
         * and cannot start again with it: give {@link #transports(Supplier)} for a node that does.
         */
        public Builder transport(Transport transport) {
            Objects.requireNonNull(transport, "transport");
            AtomicBoolean given = new AtomicBoolean();
            return transports(() -> {
                if (given.getAndSet(true)) {
                    throw new IllegalStateException("The transport given to DSNodeServer.Builder.transport(Transport)"
                            + " serves one start; give DSNodeServer.Builder.transports(Supplier) to start again");
                }
                return transport;
            });
        }

        /**
         * Where the node takes a new transport each time it starts, for example
         * {@code network::transport} of an {@link InMemoryNetwork}; a new HTTP transport when not set.
         * The node closes each one when it stops.
         */
        public Builder transports(Supplier<? extends Transport> factory) {
            this.transports = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Where the node takes time, randomness and threads from, and which signatures it uses
         * ({@link NodeRuntime#signatures()}); the real clock with the threads of
         * {@link #threads(NodeThreads)}, and ECDSA, when not set.
         */
        public Builder runtime(NodeRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /**
         * Where the node's threads come from: its tick, its event delivery and the pools of the
         * default HTTP transport ({@link NodeThreads#platform()} when not set). Virtual threads are
         * {@code NodeThreads.perTask(name -> Thread.ofVirtual().name(name + "-", 1).factory())} on
         * Java 21+, an application's executor {@link NodeThreads#on(java.util.concurrent.Executor)}.
         * A {@link #runtime(NodeRuntime) runtime} that is set gives the tick and event threads itself.
         */
        public Builder threads(NodeThreads threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /**
         * Where the node finds more nodes to join through, after the configured bootstrap nodes:
         * asked at every join attempt (see {@link BootstrapSource}). A node with a source joins
         * again at each tick while none of the nodes it joined through is a peer.
         */
        public Builder bootstrapSource(BootstrapSource source) {
            this.bootstrapSource = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Where the node reports its measurements. */
        public Builder metrics(DSNMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** A listener registered before the first event. */
        public Builder listener(DSNListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Listeners registered before the first event. */
        public Builder listeners(Collection<? extends DSNListener> more) {
            more.forEach(this::listener);
            return this;
        }

        /**
         * Prepares the node without starting it; see {@link DSNodeServer#create}. Its key pair and
         * network key are loaded or created here.
         *
         * @throws DSNConfigurationException for {@code aes_key} when the node has a
         *     {@link #bootstrapSource bootstrap source} and encryption but no network key: like a node
         *     with bootstrap nodes, it would make a key of its own that no other node can read
         */
        public DSNodeServer create() {
            if (bootstrapSource != BootstrapSource.NONE && config.encryption() && config.aesKey().isEmpty()) {
                throw new DSNConfigurationException(DSNSettings.AES_KEY, naming -> "is required to join a network through"
                        + " a bootstrap source (discovery): without it every node makes a network key of its own and none"
                        + " can read another; " + DSNodeConfig.KEY_TO_JOIN.apply(naming));
            }
            if (runtime != null && !runtime.simulatedBugs().isEmpty() && !VirtualTimeRuntime.keepsVirtualTime(runtime)) {
                throw new IllegalArgumentException("Simulated bugs (" + runtime.simulatedBugs() + ") are only for nodes in"
                        + " virtual time, where a simulation proves its checks find them; this runtime's clock is not a"
                        + " VirtualTimeRuntime's");
            }
            SignatureScheme signatures = signatures();
            CredentialStore credentials = new CredentialStore(config.credentialDir(), config.nodeId(), signatures);
            CredentialLock lock = lockCredentials(config, credentials.nodeDirectory());
            try {
                return create(credentials, lock, signatures);
            } catch (UncheckedIOException | IllegalStateException e) {
                lock.close();
                throw new DSNException("DSN node " + config.nodeId() + " cannot use its credentials in "
                        + credentials.nodeDirectory() + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        }

        /**
         * The runtime's stand-in where it is a simulation's, else the ECDSA of the configured
         * provider, saying which one in one line.
         */
        private SignatureScheme signatures() {
            if (runtime != null && runtime.signatures() == NodeSignatures.SIMULATION_STAND_IN) {
                if (!VirtualTimeRuntime.keepsVirtualTime(runtime)) {
                    throw new IllegalArgumentException("The stand-in signatures (NodeSignatures.SIMULATION_STAND_IN) are not"
                            + " signatures and are only for nodes in virtual time; this runtime's clock is not a"
                            + " VirtualTimeRuntime's: sign with NodeSignatures.ECDSA");
                }
                return SignatureSchemes.simulationStandIn();
            }
            SignatureSchemes.Choice choice = SignatureSchemes.choose(config.cryptoProvider());
            log.info("DSN node {} signs and verifies with {}: {} ({} {})", config.nodeId(), choice.scheme(),
                    choice.reason(), config.settingNaming().nameOf(DSNSettings.CRYPTO_PROVIDER),
                    config.cryptoProvider().configName());
            return choice.scheme();
        }

        /** Creates the node once its credential directory is locked. */
        private DSNodeServer create(CredentialStore credentials, CredentialLock lock, SignatureScheme signatures) {
            NodeRuntime runtime = this.runtime != null ? this.runtime : NodeRuntime.system(threads);
            NodeKeyPair keys = credentials.loadOrCreateOwnKeyPair(runtime.secureRandom());
            Optional<NetworkKey> networkKey = networkKeyFor(config, credentials, runtime);
            Supplier<? extends Transport> chosen = transports != null ? transports : () -> new HttpTransport(
                    config.nodeId(), config.maxBodySize(), config.serverThreads(), config.requestTimeout(), config.limits(),
                    threads, config.settingNaming());
            Node node = new Node(config, keys, credentials, networkKey, metrics, runtime, bootstrapSource, signatures);
            listeners.forEach(node::addListener);
            return new DSNodeServer(config, node, chosen, runtime, credentials.nodeDirectory(), lock);
        }

        /** Creates the node and starts it; see {@link DSNodeServer#start(DSNodeConfig, DSNListener...)}. */
        public DSNodeServer start() {
            DSNodeServer server = create();
            server.startServing();
            return server;
        }
    }
}
