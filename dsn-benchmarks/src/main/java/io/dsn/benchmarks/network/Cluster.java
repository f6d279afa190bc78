package io.dsn.benchmarks.network;

import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNodeConfig;
import io.dsn.ProtocolMode;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.transport.HttpTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real DSN nodes in this JVM, on ephemeral ports of 127.0.0.1 only, sharing one network key and
 * one {@link MessageCounter}. Timings are the node's defaults unless options say otherwise.
 * Closing the cluster stops every node it started and deletes the keys it wrote.
 */
public final class Cluster implements AutoCloseable {

    /** Options every scenario takes for the cluster. */
    public static final Set<String> OPTIONS = Set.of("tick-ms", "timeout-ms", "attempts", "retry-pause-ms",
            "server-threads", "credentials", "protocol");

    private static final String LOOPBACK = "127.0.0.1";

    private final String networkKey;
    private final MessageCounter messages = new MessageCounter();
    private final Path credentials;
    private final NodeTimings timings;
    private final int serverThreads;
    private final ProtocolMode protocol;
    private final List<DSNodeServer> nodes = new ArrayList<>();
    private final ScheduledExecutorService sampler;
    private final AtomicInteger maxOpenFds = new AtomicInteger(ProcessStats.openFds());
    private volatile long samplerThreadId = -1;

    public Cluster(Options options) {
        this(options, DSNodeServer.generateKey());
    }

    /** A cluster whose nodes use a given network key (to join nodes run by another process). */
    public Cluster(Options options, String networkKey) {
        this.networkKey = networkKey;
        this.timings = NodeTimings.from(options);
        this.serverThreads = options.intValue("server-threads", DSNodeConfig.DEFAULT_SERVER_THREADS, 1, 1024);
        try {
            this.protocol = options.string("protocol").map(ProtocolMode::fromConfigName).orElse(ProtocolMode.COMPATIBLE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        try {
            Path parent = options.string("credentials").map(Path::of).orElse(null);
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.credentials = parent == null ? Files.createTempDirectory("dsn-bench-")
                    : Files.createTempDirectory(parent, "dsn-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the nodes' keys", e);
        }
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-fd-sampler");
            thread.setDaemon(true);
            samplerThreadId = thread.getId();
            return thread;
        });
        // Listing /proc/self/fd costs CPU in proportion to the descriptors open; that CPU is
        // subtracted from the figures (see cpuNanos()).
        sampler.scheduleAtFixedRate(() -> maxOpenFds.accumulateAndGet(ProcessStats.openFds(), Math::max),
                250, 250, TimeUnit.MILLISECONDS);
    }

    public String networkKey() {
        return networkKey;
    }

    public MessageCounter messages() {
        return messages;
    }

    public Duration tick() {
        return timings.tick();
    }

    public Duration requestTimeout() {
        return timings.requestTimeout();
    }

    public int attempts() {
        return timings.attempts();
    }

    public Duration retryPause() {
        return timings.retryPause();
    }

    /**
     * CPU time of this process so far, less what the cluster's own descriptor sampler used; -1
     * when the JVM cannot tell.
     */
    public long cpuNanos() {
        long process = ProcessStats.cpuNanos();
        if (process < 0) {
            return process;
        }
        long id = samplerThreadId;
        long sampler = id < 0 ? 0 : ManagementFactory.getThreadMXBean().getThreadCpuTime(id);
        return process - Math.max(0, sampler);
    }

    /** The most file descriptors this process had open at once since the cluster was made (sampled every 250 ms). */
    public int maxOpenFds() {
        return maxOpenFds.accumulateAndGet(ProcessStats.openFds(), Math::max);
    }

    /** The wire protocol of every node: {@code --protocol compatible} (the default) or {@code secure}. */
    public ProtocolMode protocol() {
        return protocol;
    }

    public List<DSNodeServer> nodes() {
        synchronized (nodes) {
            return List.copyOf(nodes);
        }
    }

    private DSNodeConfig config(String nodeId, List<Endpoint> bootstrap) {
        return timings.applyTo(DSNodeConfig.builder())
                .nodeId(nodeId)
                .port(0)
                .aesKey(networkKey)
                .credentialDir(credentials)
                .networkIp(LOOPBACK)
                .bindAddress(LOOPBACK)
                .bootstrapNodes(bootstrap)
                .serverThreads(serverThreads)
                .protocol(protocol)
                .build();
    }

    /** Prepares a node (its key pair is created and written) without starting it. */
    public DSNodeServer create(String nodeId, List<Endpoint> bootstrap, DSNListener listener) {
        return register(DSNodeServer.create(config(nodeId, bootstrap), messages,
                listener == null ? List.of() : List.of(listener)));
    }

    /** A started node and the transport through which it can vanish. */
    public record VanishingNode(DSNodeServer server, VanishingTransport transport) {
    }

    /**
     * Creates and starts a node on a real transport that can vanish (crash or blackhole) without
     * the node knowing; returns once its first bootstrap attempt is over.
     */
    public VanishingNode startVanishing(String nodeId, List<Endpoint> bootstrap, DSNListener listener) {
        DSNodeConfig config = config(nodeId, bootstrap);
        VanishingTransport transport = new VanishingTransport(new HttpTransport(config.nodeId(), config.maxBodySize(),
                config.serverThreads(), config.requestTimeout(), config.limits()));
        DSNodeServer node = register(DSNodeServer.builder(config).metrics(messages).listener(listener)
                .transport(transport).create());
        node.startServing();
        return new VanishingNode(node, transport);
    }

    private DSNodeServer register(DSNodeServer node) {
        synchronized (nodes) {
            nodes.add(node);
        }
        return node;
    }

    /**
     * Prepares the joiners that run in this JVM, unstarted: {@code node-1} to {@code node-(n-1)}
     * when it is the only process, else the ids a {@link HostGroup} left to it.
     */
    public List<DSNodeServer> createJoiners(int n, boolean alone, List<String> localIds, List<Endpoint> bootstrap,
                                            MeshTracker tracker) {
        if (alone) {
            for (int i = 1; i < n; i++) {
                localIds.add("node-" + i);
            }
        }
        List<DSNodeServer> joiners = new ArrayList<>();
        for (String id : localIds) {
            joiners.add(create(id, bootstrap, tracker.listenerFor(id)));
        }
        return joiners;
    }

    /** Creates and starts a node; returns once its first bootstrap attempt is over. */
    public DSNodeServer start(String nodeId, List<Endpoint> bootstrap, DSNListener listener) {
        DSNodeServer node = create(nodeId, bootstrap, listener);
        node.startServing();
        return node;
    }

    /**
     * Starts prepared nodes, at most {@code parallel} at once, and waits until each one's first
     * bootstrap attempt is over, or until {@code limit} has passed (starts still running then go
     * on in the background; stopping such a node waits for its start to end).
     *
     * @return how many starts returned within the limit
     */
    public static int startAll(List<DSNodeServer> prepared, int parallel, Duration limit) throws InterruptedException {
        ExecutorService starters = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, prepared.size())), r -> {
            Thread thread = new Thread(r, "bench-starter");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> started = new ArrayList<>();
            for (DSNodeServer node : prepared) {
                started.add(starters.submit(node::startServing));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            int returned = 0;
            for (Future<?> future : started) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    returned++;
                } catch (ExecutionException e) {
                    returned++; // it returned, by failing: the scenario's figures show what is missing
                } catch (TimeoutException e) {
                    // over the limit: counted as not returned
                }
            }
            return returned;
        } finally {
            starters.shutdown();
        }
    }

    /**
     * Waits until every node lists every node, at most {@code limit}.
     *
     * @return true when the mesh is complete
     */
    public boolean awaitFullMesh(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (missingLinks() == 0) {
                return true;
            }
            ProcessStats.sleepQuietly(20);
        }
        return missingLinks() == 0;
    }

    /** How many (node, peer) pairs are missing from the address books of the running nodes. */
    public int missingLinks() {
        return missingLinks((int) nodes().stream().filter(DSNodeServer::isServing).count());
    }

    /** How many (node, peer) pairs the running nodes here miss in a network of {@code total} nodes. */
    public int missingLinks(int total) {
        int missing = 0;
        for (DSNodeServer node : nodes()) {
            if (node.isServing()) {
                missing += Math.max(0, total - node.peers().size());
            }
        }
        return missing;
    }

    /**
     * This process and its nodes in figures: wall (its nanoTime when taken), cpu (ns), jit (ns), threads, fds, maxFds, missing links in a
     * network of {@code total}, messages sent (sent, notOk, and one count per message type).
     */
    public Map<String, Long> stats(int total) {
        MessageCounter.Snapshot messages = this.messages.snapshot();
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("wall", System.nanoTime());
        stats.put("cpu", cpuNanos());
        stats.put("jit", ProcessStats.jitCpuNanos());
        stats.put("threads", (long) ProcessStats.threads());
        stats.put("threadsStarted", ProcessStats.threadsStarted());
        stats.put("fds", (long) ProcessStats.openFds());
        stats.put("maxFds", (long) maxOpenFds());
        stats.put("missing", (long) missingLinks(total));
        stats.put("sent", messages.sentTotal());
        stats.put("notOk", messages.sentNotOkTotal());
        for (DSNMetrics.Message message : DSNMetrics.Message.values()) {
            stats.put(message.name().toLowerCase(Locale.ROOT), messages.sent(message));
        }
        return stats;
    }

    /** Stops one node: its port closes, as if its process had died. */
    public void stop(DSNodeServer node) {
        node.stop();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        // Stopping is mostly waiting (event queues, server threads): do it in parallel.
        List<DSNodeServer> all = nodes();
        all.parallelStream().forEach(DSNodeServer::stop);
        deleteRecursively(credentials);
    }

    /** Deletes a directory and everything in it, as far as it can (a temporary directory: best effort). */
    public static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
