package io.dsn.benchmarks.network;

import io.dsn.DSNListener;
import io.dsn.DSNodeServer;
import io.dsn.PeerStateChanged;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One writer at a fixed rate (default 100 writes/s), N-1 readers. For every write, the time
 * until every reader had it: a reader "has" write k once it heard a state with a sequence number
 * of k or later (an outbox may skip a state that a newer one replaced, which carries the same
 * news and more).
 */
public final class LatencyScenario implements Scenario {

    private static final int MAX_WRITES = 10_000_000;

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String description() {
        return "one writer at a fixed rate, N-1 readers: write-to-all-readers latency percentiles";
    }

    @Override
    public Set<String> options() {
        return Set.of("nodes", "seconds", "warmup", "rate", "payload-bytes", "grace-seconds");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int n = options.intValue("nodes", 10, 2, 500);
        double rate = options.doubleValue("rate", 100, 0.1, 100_000);
        Duration measured = options.seconds("seconds", 10, 3600);
        Duration warmup = options.seconds("warmup", 3, 3600);
        Duration grace = options.seconds("grace-seconds", 5, 600);
        int payloadBytes = options.intValue("payload-bytes", 64, 0, 100_000);
        int readers = n - 1;
        int total = (int) Math.min(MAX_WRITES, Math.max(1, Math.round(rate * measured.toNanos() / 1e9)));
        long warmupWrites = Math.round(rate * warmup.toNanos() / 1e9);
        long base = warmupWrites; // sequence number of the first measured write

        long[] writtenAt = new long[total];
        List<AtomicLongArray> arrivals = new ArrayList<>();
        List<DSNListener> listeners = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            AtomicLongArray arrived = new AtomicLongArray(total);
            arrivals.add(arrived);
            long[] lastSeen = {-1};   // touched only by this reader's event thread
            listeners.add(event -> {
                if (event instanceof PeerStateChanged changed && FanoutScenario.WRITER.equals(changed.nodeId())) {
                    long now = System.nanoTime();
                    String seqText = changed.current().get("seq");
                    if (seqText == null) {
                        return;
                    }
                    long seq = Long.parseLong(seqText);
                    for (long k = Math.max(lastSeen[0] + 1, base); k <= seq && k - base < total; k++) {
                        arrived.set((int) (k - base), now);
                    }
                    lastSeen[0] = Math.max(lastSeen[0], seq);
                }
            });
        }

        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            DSNodeServer writer = cluster.start(FanoutScenario.WRITER, List.of(), null);
            for (int r = 0; r < readers; r++) {
                cluster.start("reader-" + (r + 1), List.of(writer.endpoint()), listeners.get(r));
            }
            boolean mesh = cluster.awaitFullMesh(Duration.ofSeconds(30 + n));
            writer.updateData("payload", "x".repeat(payloadBytes));

            writeAtRate(writer, rate, 0, warmupWrites, null);
            ProcessStats.sleepQuietly(500);

            long cpuBefore = cluster.cpuNanos();
            long start = System.nanoTime();
            long lateMax = writeAtRate(writer, rate, base, total, writtenAt);
            long end = System.nanoTime();
            long cpuAfter = cluster.cpuNanos();

            long graceEnd = System.nanoTime() + grace.toNanos();
            while (System.nanoTime() < graceEnd && !allArrived(arrivals, total)) {
                ProcessStats.sleepQuietly(10);
            }

            Histogram all = new Histogram();
            Histogram each = new Histogram();
            int undelivered = 0;
            for (int i = 0; i < total; i++) {
                long last = 0;
                boolean complete = true;
                for (AtomicLongArray arrived : arrivals) {
                    long at = arrived.get(i);
                    if (at == 0) {
                        complete = false;
                    } else {
                        each.record(at - writtenAt[i]);
                        last = Math.max(last, at);
                    }
                }
                if (complete) {
                    all.record(last - writtenAt[i]);
                } else {
                    undelivered++;
                }
            }
            double seconds = (end - start) / 1e9;
            double p50 = Histogram.millis(all.percentile(50));
            double p99 = Histogram.millis(all.percentile(99));
            report.add("protocol", cluster.protocol().configName(), "", "wire protocol (--protocol)")
                    .add("nodes", n, "", "nodes (1 writer + readers)")
                    .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                    .add("meshComplete", mesh, "", "every node knew every node before the run")
                    .add("rate", rate, "writes/s", "write rate asked for")
                    .add("writes", total, "", "writes measured")
                    .add("achievedRate", total / seconds, "writes/s", "write rate achieved")
                    .add("scheduleLagMaxMs", Histogram.millis(lateMax), "ms", "worst delay of a write behind its schedule")
                    .add("undelivered", undelivered, "", "writes not at every reader after the grace time")
                    .add("allReadersP50Ms", p50, "ms", "write to all readers p50")
                    .add("allReadersP90Ms", Histogram.millis(all.percentile(90)), "ms", "write to all readers p90")
                    .add("allReadersP99Ms", p99, "ms", "write to all readers p99")
                    .add("allReadersMaxMs", Histogram.millis(all.max()), "ms", "write to all readers max")
                    .add("eachReaderP50Ms", Histogram.millis(each.percentile(50)), "ms", "write to one reader p50")
                    .add("eachReaderP99Ms", Histogram.millis(each.percentile(99)), "ms", "write to one reader p99")
                    .add("cpuCores", cpuBefore < 0 ? -1.0 : (cpuAfter - cpuBefore) / 1e9 / seconds, "cores",
                            "CPU used by the whole JVM (of " + Runtime.getRuntime().availableProcessors() + ")")
                    .add("maxOpenFds", cluster.maxOpenFds(), "", "most open file descriptors")
                    .add("targetMet", undelivered == 0 && p50 < 2 && p99 < 10, "", "target: p50 < 2 ms and p99 < 10 ms");
        }
        return report;
    }

    private static boolean allArrived(List<AtomicLongArray> arrivals, int total) {
        for (AtomicLongArray arrived : arrivals) {
            if (arrived.get(total - 1) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code count} states on a fixed schedule; a write that is late is made at once and
     * timed from when it really happened. Returns the worst lateness in nanoseconds.
     */
    private static long writeAtRate(DSNodeServer writer, double rate, long firstSeq, long count, long[] writtenAt) {
        long period = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long worstLate = 0;
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            }
            Map<String, String> state = new LinkedHashMap<>();
            long at = System.nanoTime();
            worstLate = Math.max(worstLate, at - due);
            state.put("seq", Long.toString(firstSeq + i));
            state.put("t", Long.toString(at));
            if (writtenAt != null) {
                writtenAt[(int) i] = at;
            }
            writer.updateData(state);
        }
        return worstLate;
    }
}
