package io.dsn.benchmarks.network;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * N nodes that do nothing but keep the network alive (pings and gossip every tick) for a fixed
 * time. Measures CPU time (of the whole JVM or JVMs, over the measured time only), heap per node,
 * messages per second and false drops. With {@code --processes P} the nodes are spread over P
 * JVMs (see {@link HostGroup}).
 */
public final class IdleScenario implements Scenario {

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String description() {
        return "N idle nodes: CPU and heap per node, messages per second, false drops";
    }

    @Override
    public Set<String> options() {
        return Set.of("nodes", "seconds", "warmup", "parallel", "processes", "start-limit-seconds");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int n = options.intValue("nodes", 100, 2, 1000);
        Duration measured = options.seconds("seconds", 30, 3600);
        int parallel = options.intValue("parallel", 1, 1, 1000);
        int processes = options.intValue("processes", 1, 1, 16);
        Duration startLimit = options.seconds("start-limit-seconds", 120, 3600);

        MeshTracker tracker = new MeshTracker(n);
        long heapBefore = ProcessStats.heapAfterGc();
        int threadsBefore = ProcessStats.threads();

        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            // long enough for the JIT to finish compiling what the ticks run (its CPU is shown apart)
            Duration warmup = options.seconds("warmup", Math.max(30, 10 * cluster.tick().toNanos() / 1e9), 3600);
            long startStart = System.nanoTime();
            DSNodeServer first = cluster.start("node-0", List.of(), tracker.listenerFor("node-0"));
            List<Endpoint> through = List.of(first.endpoint());
            List<String> localIds = new ArrayList<>();
            try (HostGroup hosts = processes == 1 ? HostGroup.none()
                    : HostGroup.spawn(processes, cluster, first.endpoint(), n, parallel, options, localIds)) {
                List<DSNodeServer> joiners = cluster.createJoiners(n, processes == 1, localIds, through, tracker);
                hosts.start();
                int localStarted = Cluster.startAll(joiners, Math.max(1, parallel / processes), startLimit);
                long meshDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (tracker.complete() + hosts.complete() < n && System.nanoTime() < meshDeadline) {
                    ProcessStats.sleepQuietly(20);
                }
                boolean mesh = tracker.complete() + hosts.complete() == n;
                double startSeconds = (System.nanoTime() - startStart) / 1e9;
                ProcessStats.sleepQuietly(warmup.toMillis());

                List<Map<String, Long>> before = new ArrayList<>(List.of(cluster.stats(n)));
                before.addAll(hosts.statsPerHost());
                long start = System.nanoTime();
                ProcessStats.sleepQuietly(measured.toMillis());
                long end = System.nanoTime();
                List<Map<String, Long>> after = new ArrayList<>(List.of(cluster.stats(n)));
                after.addAll(hosts.statsPerHost());
                Map<String, Long> local = after.get(0);
                Map<String, Long> remote = new HashMap<>();
                long maxRemoteFds = 0;
                for (Map<String, Long> host : after.subList(1, after.size())) {
                    host.forEach((key, value) -> remote.merge(key, value, Long::sum));
                    maxRemoteFds = Math.max(maxRemoteFds, host.get("maxFds"));
                }
                long heap = ProcessStats.heapAfterGc() - heapBefore + hosts.heap();
                // threads and descriptors of this JVM beyond its own, plus everything the children have
                long threads = local.get("threads") - threadsBefore + remote.getOrDefault("threads", 0L);

                double seconds = (end - start) / 1e9;
                double cpuCores = HostGroup.ratePerSecond("cpu", before, after) / 1e9;
                double jitCores = HostGroup.ratePerSecond("jit", before, after) / 1e9;
                List<String> drops = new ArrayList<>(tracker.drops());
                drops.addAll(hosts.drops());
                report.add("nodes", n, "", "nodes")
                        .add("processes", processes, "", "JVMs the nodes ran in")
                        .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                        .add("startSeconds", startSeconds, "s", "starting the nodes until the mesh was complete (or the limits)")
                        .add("localStartsInTime", localStarted + 1, "", "nodes of this JVM whose start returned within the limit (of "
                                + (localIds.size() + 1) + ")")
                        .add("meshComplete", mesh, "", "every node knew every node before measuring")
                        .add("seconds", seconds, "s", "measured time")
                        .add("cpuPercentOfOneCore", cpuCores * 100, "%", "CPU of the JVM(s), % of one core")
                        .add("jitPercentOfOneCore", jitCores * 100, "%",
                                "of which JIT compiler threads, % of one core")
                        .add("cpuPercentPerNode", cpuCores * 100 / n, "%", "CPU per node, % of one core")
                        .add("heapPerNodeKiB", heap / 1024.0 / n, "KiB", "heap per node (after GC)")
                        .add("threadsPerNode", (double) threads / n, "", "threads per node")
                        .add("threadsStartedPerSecond", HostGroup.ratePerSecond("threadsStarted", before, after), "1/s",
                                "threads started per second (all JVMs)")
                        .add("openFds", local.get("fds") + remote.getOrDefault("fds", 0L), "", "open file descriptors (all JVMs)")
                        .add("maxOpenFds", Math.max(local.get("maxFds"), maxRemoteFds), "",
                                "most open file descriptors in one JVM")
                        .add("fdLimit", ProcessStats.fdLimit(), "", "open file limit of a process")
                        .add("messagesPerSecond", HostGroup.ratePerSecond("sent", before, after), "1/s", "messages sent per second (all nodes)")
                        .add("pingsPerSecond", HostGroup.ratePerSecond("ping", before, after), "1/s", "PING sent per second")
                        .add("updatesPerSecond", HostGroup.ratePerSecond("update", before, after), "1/s", "UPDATE (gossip) sent per second")
                        .add("messagesNotOk", (after.stream().mapToLong(m -> m.get("notOk")).sum() - before.stream().mapToLong(m -> m.get("notOk")).sum()), "", "messages that failed or were refused")
                        .add("missingLinks", local.get("missing") + remote.getOrDefault("missing", 0L), "",
                                "(node, peer) pairs missing at the end")
                        .add("falseDrops", drops.size(), "", "PeerLeft events (no node left: all are false)")
                        .add("targetMet", cpuCores < 0.10 && drops.isEmpty(), "", "target: < 10% of one core, no false drop");
                drops.stream().sorted().limit(20).forEach(line -> report.note("false drop: " + line));
            }
        }
        return report;
    }
}
