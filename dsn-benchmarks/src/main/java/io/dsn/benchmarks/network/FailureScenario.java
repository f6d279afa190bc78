package io.dsn.benchmarks.network;

import io.dsn.DSNListener;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.PeerLeft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One of N nodes vanishes without notice ({@code --mode crash}, the default: its port closes, as
 * when its process dies; {@code --mode blackhole}: its port stays open and nothing is answered, as
 * when its host loses power) or stops cleanly ({@code --mode leave}: it says LEAVE). Measures the
 * time until every other node dropped it, and counts false drops (a {@link PeerLeft} about any
 * other node) over the whole run.
 */
public final class FailureScenario implements Scenario {

    @Override
    public String name() {
        return "failure";
    }

    @Override
    public String description() {
        return "one of N nodes vanishes: time until every other node drops it, false drops";
    }

    @Override
    public Set<String> options() {
        return Set.of("nodes", "seconds", "settle-seconds", "mode");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int n = options.intValue("nodes", 10, 3, 1000);
        Duration observed = options.seconds("seconds", 10, 3600);
        String victimId = "node-" + (n - 1);
        String mode = options.string("mode").orElse("crash");
        if (!Set.of("crash", "blackhole", "leave").contains(mode)) {
            throw new IllegalArgumentException("--mode must be crash, blackhole or leave, was " + mode);
        }
        double targetSeconds = mode.equals("blackhole") ? 10 : 5;

        Map<String, Long> dropTimes = new ConcurrentHashMap<>();
        LongAdder falseDrops = new LongAdder();
        Set<String> falselyDropped = ConcurrentHashMap.newKeySet();

        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            Duration settle = options.seconds("settle-seconds", 2 * cluster.tick().toNanos() / 1e9, 3600);
            List<DSNodeServer> nodes = new ArrayList<>();
            List<Endpoint> through = new ArrayList<>();
            VanishingTransport victimTransport = null;
            for (int i = 0; i < n; i++) {
                String id = "node-" + i;
                DSNListener listener = event -> {
                    // The victim does not know it vanished: what it makes of the others is not measured.
                    if (event instanceof PeerLeft left && !id.equals(victimId)) {
                        if (left.nodeId().equals(victimId)) {
                            dropTimes.putIfAbsent(id, System.nanoTime());
                        } else {
                            falseDrops.increment();
                            falselyDropped.add(id + " dropped " + left.nodeId());
                        }
                    }
                };
                DSNodeServer node;
                if (i == n - 1) {
                    Cluster.VanishingNode victim = cluster.startVanishing(id, through, listener);
                    node = victim.server();
                    victimTransport = victim.transport();
                } else {
                    node = cluster.start(id, through, listener);
                }
                nodes.add(node);
                if (i == 0) {
                    through = List.of(node.endpoint());
                }
            }
            boolean mesh = cluster.awaitFullMesh(Duration.ofSeconds(30 + n));
            ProcessStats.sleepQuietly(settle.toMillis()); // a few ticks: pings flow, connections are open

            DSNodeServer victim = nodes.get(n - 1);
            long crash = System.nanoTime();
            switch (mode) {
                case "crash" -> victimTransport.crash();
                case "blackhole" -> victimTransport.blackhole();
                default -> cluster.stop(victim);
            }
            long stopped = System.nanoTime();
            long deadline = crash + observed.toNanos();
            while (System.nanoTime() < deadline) {
                ProcessStats.sleepQuietly(10);
            }
            int survivors = n - 1;
            Histogram detection = new Histogram();
            dropTimes.values().forEach(at -> detection.record(at - crash));
            boolean all = dropTimes.size() == survivors;
            boolean none = dropTimes.isEmpty();
            double allSeconds = all ? detection.max() / 1e9 : Double.NaN;
            long stillListing = nodes.subList(0, n - 1).stream().filter(DSNodeServer::isServing)
                    .filter(node -> node.peers().contains(victimId)).count();

            report.add("mode", mode, "", "how the victim vanished")
                    .add("nodes", n, "", "nodes")
                    .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                    .add("timeoutMs", cluster.requestTimeout().toMillis(), "ms", "request timeout")
                    .add("attempts", cluster.attempts(), "", "attempts per request")
                    .add("retryPauseMs", cluster.retryPause().toMillis(), "ms", "pause between attempts")
                    .add("meshComplete", mesh, "", "every node knew every node before the crash")
                    .add("stopMillis", (stopped - crash) / 1e6, "ms", "time the victim took to vanish")
                    .add("droppedBy", dropTimes.size(), "", "nodes that dropped the victim (of " + survivors + ")")
                    .add("stillListing", stillListing, "", "nodes still listing the victim at the end")
                    .add("firstDropSeconds", none ? -1.0 : detection.min() / 1e9, "s", "crash to first drop (-1: none)")
                    .add("medianDropSeconds", none ? -1.0 : detection.percentile(50) / 1e9, "s", "crash to median drop (-1: none)")
                    .add("allDroppedSeconds", all ? allSeconds : -1.0, "s", "crash to dropped everywhere (-1: never)")
                    .add("observedSeconds", observed.toNanos() / 1e9, "s", "observed after the crash")
                    .add("falseDrops", falseDrops.sum(), "", "drops of live nodes (whole run)")
                    .add("maxOpenFds", cluster.maxOpenFds(), "", "most open file descriptors")
                    .add("targetMet", all && allSeconds < targetSeconds && falseDrops.sum() == 0, "",
                            "target: dropped everywhere in < " + (int) targetSeconds + " s, no false drop");
            falselyDropped.stream().sorted().limit(20).forEach(line -> report.note("false drop: " + line));
        }
        return report;
    }
}
