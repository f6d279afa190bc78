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
 * One of N nodes vanishes without notice: it is stopped, which closes its port, so to the others
 * it looks like a crashed process. Measures the time until every other node dropped it, and
 * counts false drops (a {@link PeerLeft} about any other node) over the whole run.
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
        return Set.of("nodes", "seconds", "settle-seconds");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int n = options.intValue("nodes", 10, 3, 1000);
        Duration observed = options.seconds("seconds", 10, 3600);
        String victimId = "node-" + (n - 1);

        Map<String, Long> dropTimes = new ConcurrentHashMap<>();
        LongAdder falseDrops = new LongAdder();
        Set<String> falselyDropped = ConcurrentHashMap.newKeySet();

        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            Duration settle = options.seconds("settle-seconds", 2 * cluster.tick().toNanos() / 1e9, 3600);
            List<DSNodeServer> nodes = new ArrayList<>();
            List<Endpoint> through = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "node-" + i;
                DSNListener listener = event -> {
                    if (event instanceof PeerLeft left) {
                        if (left.nodeId().equals(victimId)) {
                            dropTimes.putIfAbsent(id, System.nanoTime());
                        } else {
                            falseDrops.increment();
                            falselyDropped.add(id + " dropped " + left.nodeId());
                        }
                    }
                };
                DSNodeServer node = cluster.start(id, through, listener);
                nodes.add(node);
                if (i == 0) {
                    through = List.of(node.endpoint());
                }
            }
            boolean mesh = cluster.awaitFullMesh(Duration.ofSeconds(30 + n));
            ProcessStats.sleepQuietly(settle.toMillis()); // a few ticks: pings flow, connections are open

            DSNodeServer victim = nodes.get(n - 1);
            long crash = System.nanoTime();
            cluster.stop(victim);
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
            long stillListing = nodes.stream().filter(DSNodeServer::isServing)
                    .filter(node -> node.peers().contains(victimId)).count();

            report.add("nodes", n, "", "nodes")
                    .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                    .add("timeoutMs", cluster.requestTimeout().toMillis(), "ms", "request timeout")
                    .add("attempts", cluster.attempts(), "", "attempts per request")
                    .add("retryPauseMs", cluster.retryPause().toMillis(), "ms", "pause between attempts")
                    .add("meshComplete", mesh, "", "every node knew every node before the crash")
                    .add("stopMillis", (stopped - crash) / 1e6, "ms", "time the victim's stop() took")
                    .add("droppedBy", dropTimes.size(), "", "nodes that dropped the victim (of " + survivors + ")")
                    .add("stillListing", stillListing, "", "nodes still listing the victim at the end")
                    .add("firstDropSeconds", none ? -1.0 : detection.min() / 1e9, "s", "crash to first drop (-1: none)")
                    .add("medianDropSeconds", none ? -1.0 : detection.percentile(50) / 1e9, "s", "crash to median drop (-1: none)")
                    .add("allDroppedSeconds", all ? allSeconds : -1.0, "s", "crash to dropped everywhere (-1: never)")
                    .add("observedSeconds", observed.toNanos() / 1e9, "s", "observed after the crash")
                    .add("falseDrops", falseDrops.sum(), "", "drops of live nodes (whole run)")
                    .add("maxOpenFds", cluster.maxOpenFds(), "", "most open file descriptors")
                    .add("targetMet", all && allSeconds < 5 && falseDrops.sum() == 0, "",
                            "target: dropped everywhere in < 5 s, no false drop");
            falselyDropped.stream().sorted().limit(20).forEach(line -> report.note("false drop: " + line));
        }
        return report;
    }
}
