package io.dsn.benchmarks.network;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * N nodes join through one bootstrap node: the bootstrap runs first, then the N-1 others start
 * (all at once by default, {@code --parallel} at a time otherwise). Measures the time until every
 * node lists all N (from each node's own events) and the messages sent meanwhile. Key pairs are
 * created before the clock starts: that is local work, not joining. With {@code --processes P}
 * the nodes are spread over P JVMs (see {@link HostGroup}).
 */
public final class JoinScenario implements Scenario {

    @Override
    public String name() {
        return "join";
    }

    @Override
    public String description() {
        return "N nodes joining through one bootstrap: time until every node lists all N, messages sent";
    }

    @Override
    public Set<String> options() {
        return Set.of("nodes", "parallel", "limit-seconds", "processes");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int n = options.intValue("nodes", 100, 2, 1000);
        int parallel = options.intValue("parallel", n - 1, 1, 1000);
        Duration limit = options.seconds("limit-seconds", 60, 3600);
        int processes = options.intValue("processes", 1, 1, 16);

        MeshTracker tracker = new MeshTracker(n);
        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            DSNodeServer bootstrap = cluster.start("node-0", List.of(), tracker.listenerFor("node-0"));
            List<Endpoint> through = List.of(bootstrap.endpoint());
            long createStart = System.nanoTime();
            List<String> localIds = new ArrayList<>();
            try (HostGroup hosts = processes == 1 ? HostGroup.none()
                    : HostGroup.spawn(processes, cluster, bootstrap.endpoint(), n, parallel, options, localIds)) {
                List<DSNodeServer> joiners = cluster.createJoiners(n, processes == 1, localIds, through, tracker);
                double createSeconds = (System.nanoTime() - createStart) / 1e9;

                Map<String, Long> before = HostGroup.plus(cluster.stats(n), hosts.stats());
                long start = System.nanoTime();
                int localParallel = Math.max(1, parallel / processes);
                boolean[] localStarted = {false};
                Thread starter = new Thread(() -> {
                    try {
                        Cluster.startAll(joiners, localParallel, limit);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    synchronized (localStarted) {
                        localStarted[0] = true;
                    }
                }, "bench-join-starter");
                starter.setDaemon(true);
                starter.start();
                hosts.start();

                long deadline = start + limit.toNanos();
                long startsReturned = 0;
                int complete = 0;
                while (System.nanoTime() < deadline) {
                    complete = tracker.complete() + hosts.complete();
                    if (startsReturned == 0 && hosts.allStarted()) {
                        synchronized (localStarted) {
                            startsReturned = localStarted[0] ? System.nanoTime() : 0;
                        }
                    }
                    if (complete == n) {
                        break;
                    }
                    ProcessStats.sleepQuietly(5);
                }
                long end = System.nanoTime();
                boolean converged = complete == n;
                Map<String, Long> local = cluster.stats(n);
                Map<String, Long> remote = hosts.stats();
                Map<String, Long> during = HostGroup.minus(HostGroup.plus(local, remote), before);
                starter.join(Duration.ofSeconds(30).toMillis());

                double seconds = (end - start) / 1e9;
                List<String> drops = new ArrayList<>(tracker.drops());
                drops.addAll(hosts.drops());
                report.add("nodes", n, "", "nodes")
                        .add("processes", processes, "", "JVMs the nodes ran in")
                        .add("parallel", Math.min(parallel, n - 1), "", "joiners started at once")
                        .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                        .add("keyCreationSeconds", createSeconds, "s", "creating the joiners' key pairs (not timed below)")
                        .add("converged", converged, "", "every node listed all N within the limit")
                        .add("convergeSeconds", seconds, "s", converged ? "time until every node listed all N" : "time waited (limit)")
                        .add("startsReturnedSeconds", startsReturned == 0 ? -1.0 : (startsReturned - start) / 1e9, "s",
                                "time until every start() returned (-1: not yet)")
                        .add("nodesComplete", complete, "", "nodes that listed all N")
                        .add("missingLinks", local.get("missing") + remote.getOrDefault("missing", 0L), "",
                                "(node, peer) pairs missing at the end")
                        .add("messagesSent", during.get("sent"), "", "messages sent until converged")
                        .add("messagesPerNode", (double) during.get("sent") / n, "", "messages sent per node")
                        .add("helloSent", during.get("hello"), "", "HELLO sent")
                        .add("peersSent", during.get("peers"), "", "PEERS sent")
                        .add("updateSent", during.get("update"), "", "UPDATE sent")
                        .add("pingSent", during.get("ping"), "", "PING sent")
                        .add("messagesNotOk", during.get("notOk"), "", "messages that failed or were refused")
                        .add("drops", drops.size(), "", "PeerLeft events (drops) during the join")
                        .add("cpuSeconds", during.get("cpu") / 1e9, "s", "CPU time of the JVM(s) during the join")
                        .add("maxOpenFds", Math.max(local.get("maxFds"), remote.getOrDefault("maxFdsPerProcess", 0L)), "",
                                "most open file descriptors in one JVM")
                        .add("fdLimit", ProcessStats.fdLimit(), "", "open file limit of a process")
                        .add("targetMet", converged && seconds < 10, "", "target: converged in < 10 s");
                drops.stream().sorted().limit(10).forEach(line -> report.note("drop: " + line));
            }
        }
        return report;
    }
}
