package io.dsn.benchmarks.network;

import io.dsn.Endpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads a scenario's nodes over this JVM and {@code processes - 1} child JVMs ({@link NodeHost}):
 * node {@code i} runs in process {@code i % processes}, process 0 being this one. Adds up what the
 * children report.
 */
public final class HostGroup implements AutoCloseable {

    private final List<HostProcess> hosts = new ArrayList<>();

    private HostGroup() {
    }

    /** No child: every node runs here. */
    public static HostGroup none() {
        return new HostGroup();
    }

    /**
     * Starts the child JVMs with their share of the nodes {@code node-1 .. node-(total-1)} prepared;
     * returns the ids this process keeps (node-0 excluded: it is the bootstrap node).
     */
    public static HostGroup spawn(int processes, Cluster cluster, Endpoint bootstrap, int total, int parallel,
                                  Options options, List<String> localIds) throws IOException {
        List<List<String>> shares = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 1; i < total; i++) {
            shares.get(i % processes).add("node-" + i);
        }
        localIds.addAll(shares.get(0));
        HostGroup group = new HostGroup();
        try {
            for (int p = 1; p < processes; p++) {
                if (!shares.get(p).isEmpty()) {
                    group.hosts.add(HostProcess.spawn(cluster.networkKey(), bootstrap, shares.get(p), total,
                            Math.max(1, parallel / processes), options.argsFor(Cluster.OPTIONS)));
                }
            }
        } catch (IOException | RuntimeException e) {
            group.close();
            throw e;
        }
        return group;
    }

    public int size() {
        return hosts.size();
    }

    public void start() {
        hosts.forEach(HostProcess::start);
    }

    public boolean allStarted() {
        return hosts.stream().allMatch(HostProcess::started);
    }

    public int complete() {
        return hosts.stream().mapToInt(HostProcess::complete).sum();
    }

    public List<String> drops() {
        List<String> drops = new ArrayList<>();
        hosts.forEach(host -> drops.addAll(host.drops()));
        return drops;
    }

    /** Each child's figures, summed; also "maxFdsPerProcess", the largest maxFds of one child. */
    public Map<String, Long> stats() {
        Map<String, Long> sum = new HashMap<>();
        long maxFds = 0;
        for (HostProcess host : hosts) {
            Map<String, Long> stats = host.stats();
            stats.forEach((key, value) -> sum.merge(key, value, Long::sum));
            maxFds = Math.max(maxFds, stats.getOrDefault("maxFds", 0L));
        }
        sum.put("maxFdsPerProcess", maxFds);
        return sum;
    }

    /** Each child's figures, one map per child, in the same order every time. */
    public List<Map<String, Long>> statsPerHost() {
        return hosts.stream().map(HostProcess::stats).toList();
    }

    /**
     * The rate of a counter over the time between two snapshots of the same processes, summed
     * over the processes: each process's change divided by its own elapsed time ("wall"), so a
     * child that answered late is not measured over a longer time than it reported.
     */
    static double ratePerSecond(String key, List<Map<String, Long>> before, List<Map<String, Long>> after) {
        double rate = 0;
        for (int i = 0; i < before.size(); i++) {
            long wall = after.get(i).get("wall") - before.get(i).get("wall");
            rate += (after.get(i).get(key) - before.get(i).get(key)) * 1e9 / wall;
        }
        return rate;
    }

    public long heap() {
        return hosts.stream().mapToLong(HostProcess::heap).sum();
    }

    @Override
    public void close() {
        hosts.parallelStream().forEach(HostProcess::close);
    }

    /** {@code a - b} for every key of {@code a}. */
    static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> difference = new HashMap<>();
        a.forEach((key, value) -> difference.put(key, value - b.getOrDefault(key, 0L)));
        return difference;
    }

    /** {@code a + b} for every key of either. */
    static Map<String, Long> plus(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, Long::sum));
        return sum;
    }
}
