package io.dsn.benchmarks.simulation.explore;

import io.dsn.DSNEvent;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.PeerInfo;
import io.dsn.ProtocolMode;
import io.dsn.benchmarks.network.VanishingTransport;
import io.dsn.benchmarks.simulation.StartTogetherRuntime;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.transport.InMemoryNetwork;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The simulated machines of one run and what can be done to them: start, crash, stop, pause,
 * write, rotate the network key. Every node is a real {@link DSNodeServer} on an
 * {@link InMemoryNetwork} in virtual time, on its own address, with its credential files in
 * memory, which outlive its process as a disk does.
 */
final class World {

    private static final int PORT = DSNodeConfig.DEFAULT_PORT;
    private static final int BOOTSTRAP_NODES = 2;
    /** Where the eavesdropper replays from: an address no node has. */
    private static final String ATTACKER_ADDRESS = "10.255.255.1";

    final VirtualTimeRuntime timeline;
    final StartTogetherRuntime runtime;
    final InMemoryNetwork network;
    final List<SimHost> hosts = new ArrayList<>();
    final NetworkFaults faults;
    final ProtocolMode protocol;
    private final Path credentials;
    private final Trace trace;
    private Consumer<HostEvent> events = event -> { };
    private String primaryKey;
    private final List<String> acceptedKeys = new ArrayList<>();
    private final Eavesdropper eavesdropper;

    /** An event of a node, from its current start. */
    record HostEvent(SimHost host, DSNEvent event) {
    }

    World(VirtualTimeRuntime timeline, int nodes, ProtocolMode protocol, Path credentials, Trace trace) {
        this.timeline = timeline;
        this.runtime = new StartTogetherRuntime(timeline);
        this.network = new InMemoryNetwork("explore", timeline);
        this.protocol = protocol;
        this.credentials = credentials;
        this.trace = trace;
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            SimHost host = new SimHost(i, Explorer.nodeId(i), new Endpoint(hostAddress(i), PORT));
            hosts.add(host);
            endpoints.add(host.endpoint);
        }
        this.faults = new NetworkFaults(network, endpoints);
        this.eavesdropper = new Eavesdropper(network.transport(ATTACKER_ADDRESS));
        this.primaryKey = newKey();
        acceptedKeys.add(primaryKey);
    }

    /** Where the nodes' events go (the checker's). */
    void onEvents(Consumer<HostEvent> consumer) {
        this.events = consumer;
    }

    /** Starts the node's process afresh, from its files, with its clock set off by {@code clockOffset}. */
    void start(SimHost host, Duration clockOffset) {
        int incarnation = ++host.incarnation;
        host.clockOffset = clockOffset;
        host.runtime = new HostRuntime(runtime, timeline, clockOffset);
        host.transport = new VanishingTransport(eavesdropper.tap(network.transport(host.endpoint.address())));
        DSNodeConfig.Builder config = DSNodeConfig.builder()
                .nodeId(host.id)
                .port(PORT)
                .networkIp(host.endpoint.address())
                .bindAddress(host.endpoint.address())
                .credentialDir(credentials)
                .bootstrapNodes(bootstrapFor(host.index))
                .protocol(protocol)
                .aesKey(primaryKey);
        if (protocol == ProtocolMode.SECURE) {
            config.networkKeys(acceptedKeys.stream().filter(key -> !key.equals(primaryKey)).toList());
        }
        host.server = DSNodeServer.builder(config.build())
                .transport(host.transport)
                .runtime(host.runtime)
                .listener(event -> {
                    if (host.incarnation == incarnation) {
                        events.accept(new HostEvent(host, event));
                    }
                })
                .create();
        runtime.withoutWaiting(host.server::startServing);
        host.status = SimHost.Status.UP;
    }

    /** The process dies: its port closes, nothing of it runs or is written any more, no LEAVE. */
    void crash(SimHost host) {
        if (host.runtime.paused()) {
            faults.paused(host.index, false);
        }
        host.runtime.kill();
        host.transport.crash();
        host.status = SimHost.Status.CRASHED;
    }

    /** A clean stop: LEAVE to every peer (not waited for), files written. */
    void stop(SimHost host) {
        runtime.withoutWaiting(host.server()::stop);
        host.runtime.kill();
        host.status = SimHost.Status.STOPPED;
    }

    void pause(SimHost host) {
        host.runtime.pause();
        faults.paused(host.index, true);
    }

    void resume(SimHost host) {
        faults.paused(host.index, false);
        host.runtime.resume();
    }

    /** The node's own state as it holds it: what it signed last. */
    PeerInfo ownState(SimHost host) {
        return host.server().node().peerInfo(host.id)
                .orElseThrow(() -> new IllegalStateException(host.id + " does not hold its own state"));
    }

    void write(SimHost host, Map<String, String> entries) {
        host.server().updateData(entries);
    }

    void remove(SimHost host, String key) {
        host.server().node().removeData(key);
    }

    /** The eavesdropper replays {@code count} captured UPDATEs to running nodes. */
    void replay(int count) {
        List<Endpoint> targets = hosts.stream().filter(SimHost::up).map(host -> host.endpoint).toList();
        eavesdropper.replay(count, targets, timeline.random());
    }

    // ---- key rotation (secure protocol) ----

    /** A network key of a rotation, and its key id as the nodes name it. */
    record NewKey(String key, String id) {
    }

    /** Step 1: every node accepts a new key; nodes started from now on hold it too. */
    Optional<NewKey> installNewKey() {
        String key = newKey();
        String id = null;
        for (SimHost host : hosts) {
            if (host.up()) {
                id = host.server().node().addNetworkKey(key);
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        acceptedKeys.add(key);
        trace.log("key rotation: every node holds key " + id);
        return Optional.of(new NewKey(key, id));
    }

    /** Step 2: every node seals with the new key. */
    void usePrimary(NewKey newKey) {
        for (SimHost host : hosts) {
            if (host.up()) {
                host.server().node().usePrimaryNetworkKey(newKey.id());
            }
        }
        primaryKey = newKey.key();
        trace.log("key rotation: every node seals with key " + newKey.id());
    }

    /** Step 3: every key but the primary one is removed. */
    void removeOldKeys() {
        for (SimHost host : hosts) {
            if (host.up()) {
                String primary = host.server().node().networkKeys().primary();
                for (String id : host.server().node().networkKeys().accepted()) {
                    if (!id.equals(primary)) {
                        host.server().node().removeNetworkKey(id);
                    }
                }
            }
        }
        acceptedKeys.removeIf(key -> !key.equals(primaryKey));
        trace.log("key rotation: the old key is removed everywhere");
    }

    /** Stops every node without running the network on (it closes first). */
    void stopAll() {
        network.close();
        runtime.withoutWaiting(() -> {
            for (SimHost host : hosts) {
                if (host.up()) {
                    host.transport.crash();
                    host.server().stop();
                }
            }
        });
    }

    /** Every node joins through the first two (the first two through each other). */
    private List<Endpoint> bootstrapFor(int i) {
        List<Endpoint> bootstrap = new ArrayList<>();
        for (int k = 0; k < Math.min(BOOTSTRAP_NODES, hosts.size()); k++) {
            if (k != i) {
                bootstrap.add(hosts.get(k).endpoint);
            }
        }
        return bootstrap;
    }

    private String newKey() {
        byte[] key = new byte[32];
        timeline.secureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** 10.0.0.1 for node 0, and so on. */
    private static String hostAddress(int i) {
        int n = i + 1;
        return "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    }
}
