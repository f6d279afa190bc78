package io.dsn.support;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.transport.InMemoryNetwork;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Real nodes on an {@link InMemoryNetwork} in virtual time: no sockets, no threads, no waiting,
 * and the same run for the same seed. Time moves only inside {@link #runFor}, {@link #runUntil}
 * and {@link #await} (and while a node starts, for its first join). Every node and raw peer made
 * here is stopped on close. Tests get one from {@link NetworkExtension}.
 */
public final class SimulatedNetwork implements AutoCloseable {

    public static final long DEFAULT_SEED = 42;
    public static final Duration TICK = Duration.ofSeconds(1);
    public static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    public static final int ATTEMPTS = 2;
    public static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** The longest one exchange takes when every attempt times out: every timeout and the pauses between. */
    public static final Duration EXCHANGE_TIMEOUT =
            REQUEST_TIMEOUT.multipliedBy(ATTEMPTS).plus(RETRY_PAUSE.multipliedBy(ATTEMPTS - 1));

    private final Path credentials;
    private final VirtualTimeRuntime runtime;
    private final InMemoryNetwork network;
    private final String networkKey;
    private final List<DSNodeServer> nodes = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> others = new CopyOnWriteArrayList<>();

    public SimulatedNetwork(Path credentials, long seed) {
        this.credentials = credentials;
        this.runtime = new VirtualTimeRuntime(seed);
        this.network = new InMemoryNetwork(runtime);
        this.networkKey = NetworkKey.generate(runtime.secureRandom()).toHex();
    }

    public VirtualTimeRuntime runtime() {
        return runtime;
    }

    /** The in-memory network, to partition, blackhole, lose or delay. */
    public InMemoryNetwork network() {
        return network;
    }

    public Path credentials() {
        return credentials;
    }

    public String networkKey() {
        return networkKey;
    }

    /** A configuration for a node of this network: any free port, the test tick and timeouts. */
    public DSNodeConfig.Builder config(String nodeId, DSNodeServer... bootstrap) {
        DSNodeConfig.Builder builder = DSNodeConfig.builder()
                .nodeId(nodeId)
                .port(0)
                .aesKey(networkKey)
                .credentialDir(credentials)
                .tickInterval(TICK)
                .requestTimeout(REQUEST_TIMEOUT)
                .attempts(ATTEMPTS)
                .retryPause(RETRY_PAUSE);
        for (DSNodeServer node : bootstrap) {
            builder.addBootstrapNode(node.endpoint());
        }
        return builder;
    }

    /** A node on this network, created but not started: it answers 503 until it is. */
    public DSNodeServer create(DSNodeConfig config, DSNMetrics metrics, DSNListener... listeners) {
        DSNodeServer server = DSNodeServer.builder(config).transports(network::transport).runtime(runtime)
                .metrics(metrics).listeners(List.of(listeners)).create();
        nodes.add(server);
        return server;
    }

    /** Starts a node whose requests and their answers {@code tap} records. */
    public DSNodeServer startTapped(DSNodeConfig config, Tap tap, DSNListener... listeners) {
        DSNodeServer server = DSNodeServer.builder(config).transports(tap.around(network::transport)).runtime(runtime)
                .listeners(List.of(listeners)).create();
        nodes.add(server);
        server.startServing();
        return server;
    }

    /** Starts a node; returns when its first join is over, in virtual time. */
    public DSNodeServer start(DSNodeConfig config, DSNListener... listeners) {
        DSNodeServer server = create(config, DSNMetrics.NONE, listeners);
        server.startServing();
        return server;
    }

    public DSNodeServer start(String nodeId, DSNodeServer... bootstrap) {
        return start(config(nodeId, bootstrap).build());
    }

    /** Starts a node that records every event it hears. */
    public Recorded startRecorded(DSNodeConfig config) {
        List<DSNEvent> events = new CopyOnWriteArrayList<>();
        DSNodeServer server = start(config, events::add);
        return new Recorded(server, events);
    }

    /** A raw peer on this network that listens at an endpoint of its own and answers the nodes' requests. */
    public RawPeer rawPeer(String nodeId) {
        return closeAtEnd(RawPeer.listening(this, nodeId));
    }

    /** A raw peer on this network that claims to be at {@code advertised} but listens nowhere. */
    public RawPeer rawPeerAt(String nodeId, Endpoint advertised) {
        return rawPeerAt(nodeId, advertised, InMemoryNetwork.DEFAULT_ADDRESS);
    }

    /** A raw peer that claims to be at {@code advertised}, listens nowhere, and sends from {@code fromAddress}. */
    public RawPeer rawPeerAt(String nodeId, Endpoint advertised, String fromAddress) {
        return closeAtEnd(RawPeer.at(this, nodeId, advertised, fromAddress));
    }

    /** Where a node keeps the public key it pinned for {@code peerId}, or its own key when the ids are the same. */
    public Path keyFile(String nodeId, String peerId) {
        return credentials.resolve(nodeId).resolve(peerId + ".pub");
    }

    /** Runs the network for this long. */
    public void runFor(Duration duration) {
        runtime.runFor(duration);
    }

    /** Runs the network until the condition holds or {@code limit} has passed; whether it holds. */
    public boolean runUntil(BooleanSupplier condition, Duration limit) {
        return runtime.runUntil(condition, limit);
    }

    /** Runs the network until the condition holds; fails the test, naming it, if it does not within {@code limit}. */
    public void await(String what, BooleanSupplier condition, Duration limit) {
        if (!runtime.runUntil(condition, limit)) {
            throw new AssertionError("Not within " + limit + " of virtual time: " + what);
        }
    }

    /** The virtual time since the network was made. */
    public Duration now() {
        return runtime.elapsed();
    }

    public <T extends AutoCloseable> T closeAtEnd(T closeable) {
        others.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        try {
            Teardown.stopAll(nodes, others);
        } finally {
            network.close();
        }
    }
}
