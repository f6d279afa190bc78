package io.dsn.benchmarks.simulation;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.benchmarks.network.MessageCounter;
import io.dsn.benchmarks.network.ProcessStats;
import io.dsn.benchmarks.network.ScenarioReport;
import io.dsn.internal.protocol.MessageType;
import io.dsn.runtime.NodeSignatures;
import io.dsn.runtime.VirtualTimeRuntime;
import io.dsn.transport.InMemoryNetwork;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One run of the simulator: N real nodes ({@link DSNodeServer}, the real protocol code) on an
 * {@link InMemoryNetwork} in virtual time, one host address each, deterministic for a seed. Its
 * phases, in order: all nodes start at one instant and join; the network idles; one node is
 * blackholed; another crashes; the live nodes are partitioned in two, then healed. Message loss
 * is on from the idle phase on. Each phase's figures go into one {@link ScenarioReport}.
 */
final class Simulation {

    private static final int PORT = DSNodeConfig.DEFAULT_PORT;
    private static final String[] PHASES = {"join", "idle", "failure", "crash", "partition", "heal"};

    private final SimulationSettings settings;
    private final VirtualTimeRuntime timeline;
    private final StartTogetherRuntime runtime;
    private final InMemoryNetwork network;
    private final MessageTally requests = new MessageTally();
    private final MessageCounter exchanges = new MessageCounter();
    private final List<Host> hosts = new ArrayList<>();
    private final Membership membership;
    private final ScenarioReport report = new ScenarioReport("simulate");

    /** One simulated machine: its node and the transport of its current start. */
    private static final class Host {
        final Endpoint endpoint;
        DSNodeServer server;
        HostTransport transport;

        Host(Endpoint endpoint) {
            this.endpoint = endpoint;
        }
    }

    private Simulation(SimulationSettings settings) {
        this.settings = settings;
        this.timeline = new VirtualTimeRuntime(settings.seed(),
                settings.standInSignatures() ? NodeSignatures.SIMULATION_STAND_IN : NodeSignatures.ECDSA);
        this.runtime = new StartTogetherRuntime(timeline);
        this.network = new InMemoryNetwork(timeline);
        List<String> ids = IntStream.range(0, settings.nodes()).mapToObj(Simulation::nodeId).toList();
        this.membership = new Membership(ids);
    }

    /** Runs the simulation; every node it started is stopped when this returns. */
    static ScenarioReport run(SimulationSettings settings) throws IOException {
        long wallStart = System.nanoTime();
        Simulation simulation = new Simulation(settings);
        try (CredentialDirectory credentials = CredentialDirectory.open(settings.credentials())) {
            try {
                simulation.runPhases(credentials);
            } finally {
                simulation.stopAll();
            }
            simulation.describe(credentials, wallStart);
        }
        return simulation.report;
    }

    private void runPhases(CredentialDirectory credentials) {
        network.setDelay(settings.delayMin(), settings.delayMax());
        String networkKey = HexFormat.of().formatHex(randomBytes(32));
        for (int i = 0; i < settings.nodes(); i++) {
            hosts.add(new Host(new Endpoint(hostAddress(i), PORT)));
        }
        for (int i = 0; i < settings.nodes(); i++) {
            create(i, networkKey, credentials);
        }
        report.add("nodes", settings.nodes(), "", "nodes")
                .add("seed", settings.seed(), "", "seed")
                .add("bootstrapNodes", settings.bootstrapNodes(), "", "bootstrap nodes every other node joins through");
        join();
        idle();
        int blackholed = settings.nodes() - 1;
        int crashed = settings.nodes() - 2;
        failure(blackholed);
        crash(crashed);
        partitionAndHeal();
        report.add("falseDrops", membership.falseDrops(), "",
                "false drops, whole run: a live node dropped a live node it could reach");
        for (String phase : PHASES) {
            report.add(phase + "FalseDrops", membership.falseDrops(phase), "", "  of which in phase " + phase);
        }
        report.add("messages", requests.total(), "", "requests put on the network, whole run (attempts, retries too)")
                .add("exchangesFailed", exchanges.snapshot().sentNotOkTotal(), "",
                        "exchanges that ended without an answer or with a refusal, whole run")
                .add("virtualSeconds", seconds(timeline.elapsed()), "s", "virtual time simulated");
    }

    /**
     * The budget of new keys a node pins a minute: at the default (120), N nodes that all join at
     * once need N/120 minutes, whatever the protocol does; a network of N nodes is configured for 2N.
     */
    private int newKeysPerMinute() {
        return Math.max(DSNodeConfig.DEFAULT_NEW_KEYS_PER_MINUTE, 2 * settings.nodes());
    }

    private void create(int i, String networkKey, CredentialDirectory credentials) {
        Host host = hosts.get(i);
        DSNodeConfig config = settings.timings().applyTo(DSNodeConfig.builder())
                .nodeId(nodeId(i))
                .port(PORT)
                .networkIp(host.endpoint.address())
                .bindAddress(host.endpoint.address())
                .aesKey(networkKey)
                .credentialDir(credentials.path())
                .bootstrapNodes(bootstrapFor(i))
                .newKeysPerMinute(newKeysPerMinute())
                .build();
        host.server = DSNodeServer.builder(config)
                .transports(() -> {
                    host.transport = new HostTransport(network.transport(host.endpoint.address()), requests);
                    return host.transport;
                })
                .runtime(runtime)
                .metrics(exchanges)
                .listener(membership.listenerFor(i))
                .create();
    }

    /** The bootstrap nodes of node {@code i}: the first few nodes, each joiner starting at another one. */
    private List<Endpoint> bootstrapFor(int i) {
        int count = settings.bootstrapNodes();
        List<Endpoint> bootstrap = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int seed = (i + k) % count;
            if (seed != i) {
                bootstrap.add(hosts.get(seed).endpoint);
            }
        }
        return bootstrap;
    }

    private void join() {
        membership.phase("join");
        runtime.withoutWaiting(() -> hosts.forEach(host -> host.server.startServing()));
        Duration start = timeline.elapsed();
        boolean converged = timeline.runUntil(() -> membership.missingLinks() == 0, settings.joinLimit());
        report.add("converged", converged, "", "every node lists every node within the limit")
                .add("convergeVirtualSeconds", converged ? seconds(timeline.elapsed().minus(start)) : -1.0, "s",
                        "join: virtual time until every node lists all N (-1: not within "
                                + seconds(settings.joinLimit()) + " s)")
                .add("joinCompleteNodes", membership.completeNodes(), "", "join: nodes listing every node at the end of it")
                .add("joinMissingLinks", membership.missingLinks(), "", "join: (node, peer) links missing at the end of it")
                .add("joinDrops", membership.drops("join"), "", "join: drops (PeerLeft events)")
                .add("joinMessagesPerNode", (double) requests.total() / settings.nodes(), "",
                        "join: requests per node");
    }

    private void idle() {
        membership.phase("idle");
        network.setLoss(settings.loss());
        Map<MessageType, Long> before = requests.snapshot();
        timeline.runFor(settings.timings().tick().multipliedBy(settings.idleTicks()));
        Map<MessageType, Long> sent = requests.since(before);
        double perNodePerTick = (double) settings.nodes() * settings.idleTicks();
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        report.add("idleTicks", settings.idleTicks(), "", "idle: ticks with nothing written")
                .add("idleMessagesPerNodePerTick", total / perNodePerTick, "", "idle: requests per node per tick");
        for (MessageType type : MessageType.values()) {
            String name = type.name().charAt(0) + type.name().substring(1).toLowerCase(Locale.ROOT);
            report.add("idle" + name + "PerNodePerTick", sent.get(type) / perNodePerTick, "", "  of which " + type);
        }
        report.add("idleDrops", membership.drops("idle"), "", "idle: drops");
    }

    private void failure(int node) {
        membership.phase("failure");
        network.blackhole(hosts.get(node).endpoint);
        report.add("failureListedBy", membership.listedBy(node), "", "failure: live nodes listing the node blackholed");
        double detected = awaitDropped(node);
        // It stays gone when the partition heals (healing ends every blackhole).
        hosts.get(node).transport.crash();
        report.add("failureDetectedVirtualSeconds", detected, "s",
                "failure: a blackholed node (no answer, no RST) dropped by every live node (-1: not within "
                        + seconds(settings.detectLimit()) + " s; null: nobody listed it)")
                .add("failureStillListedBy", membership.listedBy(node), "", "failure: live nodes still listing it then");
    }

    private void crash(int node) {
        membership.phase("crash");
        hosts.get(node).transport.crash();
        report.add("crashListedBy", membership.listedBy(node), "", "crash: live nodes listing the node crashed");
        report.add("crashDetectedVirtualSeconds", awaitDropped(node), "s",
                "crash: a node whose process died (port closed, no LEAVE) dropped by every live node")
                .add("crashStillListedBy", membership.listedBy(node), "", "crash: live nodes still listing it then");
    }

    /**
     * Faults the node now and runs until no live node lists it: the virtual seconds that took, -1
     * when not within the limit, NaN (null in the JSON) when no live node listed it to begin with.
     */
    private double awaitDropped(int node) {
        membership.fault(node);
        if (membership.listedBy(node) == 0) {
            return Double.NaN;
        }
        Duration start = timeline.elapsed();
        boolean dropped = timeline.runUntil(() -> membership.listedBy(node) == 0, settings.detectLimit());
        return dropped ? seconds(timeline.elapsed().minus(start)) : -1.0;
    }

    private void partitionAndHeal() {
        if (settings.partition().isZero()) {
            return;
        }
        membership.phase("partition");
        List<Integer> live = IntStream.range(0, settings.nodes() - 2).boxed().toList();
        int[] sides = new int[settings.nodes()];
        Set<Endpoint> first = new LinkedHashSet<>();
        Set<Endpoint> second = new LinkedHashSet<>();
        for (int i : live) {
            boolean firstHalf = i < live.size() / 2;
            sides[i] = firstHalf ? 0 : 1;
            (firstHalf ? first : second).add(hosts.get(i).endpoint);
        }
        network.partition(first, second);
        membership.partitioned(sides);
        timeline.runFor(settings.partition());
        report.add("partitionSeconds", seconds(settings.partition()), "s",
                "partition: the live nodes split in two halves for this long")
                .add("partitionDrops", membership.partitionDrops(), "", "partition: drops across the split")
                .add("partitionMissingLinks", membership.missingLinks(), "", "partition: links missing when it heals");

        membership.phase("heal");
        network.heal();
        network.setLoss(settings.loss());
        Duration start = timeline.elapsed();
        Duration end = start.plus(settings.joinLimit());
        // Requests sent before the heal may still fail: drops across the split count as expected a while longer.
        boolean rejoined = timeline.runUntil(() -> membership.missingCrossLinks() == 0,
                settings.timings().exchangeTimeout());
        membership.healed();
        if (!rejoined) {
            rejoined = timeline.runUntil(() -> membership.missingCrossLinks() == 0, end.minus(timeline.elapsed()));
        }
        double rejoinedAfter = rejoined ? seconds(timeline.elapsed().minus(start)) : -1.0;
        boolean whole = timeline.runUntil(() -> membership.missingLinks() == 0, end.minus(timeline.elapsed()));
        report.add("healCrossLinksVirtualSeconds", rejoinedAfter, "s",
                        "heal: virtual time until every link across the split is back (-1: not within "
                                + seconds(settings.joinLimit()) + " s)")
                .add("healReconvergeVirtualSeconds", whole ? seconds(timeline.elapsed().minus(start)) : -1.0, "s",
                        "heal: virtual time until every live node lists every live node (-1: not within the same limit)")
                .add("healMissingLinks", membership.missingLinks(), "", "heal: links still missing at the end");
    }


    /**
     * Stops every node without running the network on: the network closes first, so what the
     * nodes still send on stopping (their LEAVEs) fails at once, and no stop waits for it.
     */
    private void stopAll() {
        membership.phase("stop");
        network.close();
        runtime.withoutWaiting(() -> {
            for (Host host : hosts) {
                if (host.transport != null) {
                    host.transport.crash();
                }
                if (host.server != null) {
                    host.server.stop();
                }
            }
        });
    }

    private void describe(CredentialDirectory credentials, long wallStart) {
        report.add("tickMs", settings.timings().tick().toMillis(), "ms", "tick interval")
                .add("timeoutMs", settings.timings().requestTimeout().toMillis(), "ms", "request timeout")
                .add("attempts", settings.timings().attempts(), "", "attempts per request")
                .add("newKeysPerMinute", newKeysPerMinute(), "",
                        "new_keys_per_minute: the default 120, or 2N, so that all N can join within a minute")
                .add("delayMs", settings.delayMin().toMillis() + "-" + settings.delayMax().toMillis(), "ms",
                        "one-way delay of each request and answer, uniform")
                .add("loss", settings.loss(), "", "probability that a request or answer is lost (from the idle phase on)")
                .add("signatures", settings.standInSignatures() ? "stand-in" : "ecdsa", "",
                        "signatures (stand-in: not ECDSA, see below)")
                .add("wallSeconds", (System.nanoTime() - wallStart) / 1e9, "s", "wall-clock time of the run")
                .add("heapUsedMb", ProcessStats.heapAfterGc() / (1024.0 * 1024.0), "MiB", "heap in use at the end (after a GC)");
        if (settings.standInSignatures()) {
            report.note("Signatures: a cheap STAND-IN, not ECDSA (SHA-512 of key and message, chosen by the simulation's "
                    + "runtime, VirtualTimeRuntime with NodeSignatures.SIMULATION_STAND_IN,");
            report.note("  which no configuration reaches); every signature check still runs and refuses a wrong "
                    + "signature. --signatures ecdsa uses the real one.");
        } else {
            report.note("Signatures: real ECDSA secp256k1.");
        }
        report.note("Network cipher: AES with a network key (the real one). Credentials: " + credentials.describe() + ".");
        report.note("Virtual seconds exclude computation: the timeline runs one task at a time, and a task's CPU time "
                + "is not virtual time.");
        report.note("Each node has its own host address; every node starts at the same virtual instant.");
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        timeline.secureRandom().nextBytes(bytes);
        return bytes;
    }

    static String nodeId(int i) {
        return String.format(Locale.ROOT, "node-%04d", i);
    }

    /** 10.0.0.1 for node 0, and so on. */
    private static String hostAddress(int i) {
        int n = i + 1;
        return "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
