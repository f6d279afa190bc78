package io.dsn.benchmarks.network;

import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNodeServer;
import io.dsn.PeerStateChanged;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One writer, N-1 readers; the writer updates its state as fast as it can (or at {@code --rate})
 * for a fixed time. Measures writes per second, deliveries per second (new states the readers
 * accepted, counted by their {@link PeerStateChanged} events) and staleness, the time from a
 * write to a reader's event about it. Each write carries its own {@link System#nanoTime()}, so
 * staleness needs no bookkeeping on the writer's side.
 */
public final class FanoutScenario implements Scenario {

    static final String WRITER = "writer";
    private static final long MAX_WRITES = 50_000_000L;

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String description() {
        return "one writer updating as fast as it can, N-1 readers: writes/s, deliveries/s, staleness";
    }

    @Override
    public Set<String> options() {
        return Set.of("nodes", "seconds", "warmup", "rate", "payload-bytes", "calibration-seconds");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int n = options.intValue("nodes", 10, 2, 500);
        Duration measured = options.seconds("seconds", 10, 3600);
        Duration warmup = options.seconds("warmup", 3, 3600);
        double rate = options.doubleValue("rate", 0, 0, 1e6);
        int payloadBytes = options.intValue("payload-bytes", 64, 0, 100_000);
        Duration calibration = options.seconds("calibration-seconds", 2, 60);
        int cores = Runtime.getRuntime().availableProcessors();

        // Before any node runs, so the machine is as quiet as it gets.
        CryptoCalibration.Result crypto = calibration.isZero() ? null : CryptoCalibration.measure(calibration);

        Window window = new Window();
        LongAdder deliveries = new LongAdder();
        Histogram staleness = new Histogram();
        DSNListener reader = event -> {
            if (event instanceof PeerStateChanged changed && WRITER.equals(changed.nodeId())) {
                long now = System.nanoTime();
                String writtenAt = changed.current().get("t");
                if (writtenAt != null && window.contains(now)) {
                    deliveries.increment();
                    staleness.record(now - Long.parseLong(writtenAt));
                }
            }
        };

        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            DSNodeServer writer = cluster.start(WRITER, List.of(), null);
            for (int i = 1; i < n; i++) {
                cluster.start("reader-" + i, List.of(writer.endpoint()), reader);
            }
            boolean mesh = cluster.awaitFullMesh(Duration.ofSeconds(30 + n));
            writer.updateData("payload", "x".repeat(payloadBytes));

            long seq = write(writer, warmup, rate, 0);
            ProcessStats.sleepQuietly(500); // let the warm-up's last states arrive

            MessageCounter.Snapshot before = cluster.messages().snapshot();
            long cpuBefore = cluster.cpuNanos();
            long start = window.open();
            long writes = write(writer, measured, rate, seq) - seq;
            long end = window.close();
            long cpuAfter = cluster.cpuNanos();
            MessageCounter.Snapshot during = cluster.messages().snapshot().minus(before);

            double seconds = (end - start) / 1e9;
            double deliveriesPerSecond = deliveries.sum() / seconds;
            report.add("protocol", cluster.protocol().configName(), "", "wire protocol (--protocol)")
                    .add("nodes", n, "", "nodes (1 writer + readers)")
                    .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                    .add("meshComplete", mesh, "", "every node knew every node before the run")
                    .add("rateLimit", rate, "writes/s", "write rate limit (0 = as fast as it can)")
                    .add("seconds", seconds, "s", "measured time")
                    .add("writes", writes, "", "writes")
                    .add("writesPerSecond", writes / seconds, "1/s", "writes per second")
                    .add("deliveries", deliveries.sum(), "", "deliveries (PeerStateChanged at readers)")
                    .add("deliveriesPerSecond", deliveriesPerSecond, "1/s", "deliveries per second")
                    .add("deliveriesPerWrite", writes == 0 ? 0.0 : (double) deliveries.sum() / writes, "",
                            "deliveries per write (readers skip states superseded in the outbox)")
                    .add("stalenessSamples", staleness.count(), "", "staleness samples")
                    .add("stalenessP50Ms", Histogram.millis(staleness.percentile(50)), "ms", "staleness p50")
                    .add("stalenessP99Ms", Histogram.millis(staleness.percentile(99)), "ms", "staleness p99")
                    .add("stalenessMaxMs", Histogram.millis(staleness.max()), "ms", "staleness max")
                    .add("updatesSent", during.sent(DSNMetrics.Message.UPDATE), "", "UPDATE messages sent")
                    .add("messagesNotOk", during.sentNotOkTotal(), "", "messages that failed or were refused")
                    .add("cpuCores", cpuBefore < 0 ? -1.0 : (cpuAfter - cpuBefore) / 1e9 / seconds, "cores",
                            "CPU used by the whole JVM (of " + cores + ")")
                    .add("maxOpenFds", cluster.maxOpenFds(), "", "most open file descriptors");
            if (crypto != null) {
                double ceiling = crypto.ceilingPerSecond(cores, n - 1);
                report.add("signMicros", crypto.signMicros(), "us", "ECDSA sign (quick calibration, 1 thread)")
                        .add("verifyMicros", crypto.verifyMicros(), "us", "ECDSA verify (quick calibration, 1 thread)")
                        .add("cores", cores, "", "cores")
                        .add("cryptoCeilingPerSecond", ceiling, "1/s",
                                "crypto ceiling = cores / (verify + sign/(N-1))")
                        .add("ceilingFraction", deliveriesPerSecond / ceiling, "", "deliveries/s / crypto ceiling")
                        .add("targetMet", deliveriesPerSecond >= ceiling / 2, "", "target: at least half the ceiling");
            }
        }
        return report;
    }

    /** Writes {@code seq} and the write's own nanoTime until the time is up; returns the next seq. */
    private static long write(DSNodeServer writer, Duration duration, double rate, long firstSeq) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long period = rate > 0 ? Math.round(1e9 / rate) : 0;
        long seq = firstSeq;
        for (long i = 0; i < MAX_WRITES; i++) {
            long now = System.nanoTime();
            if (period > 0) {
                long due = start + i * period;
                if (due >= deadline) {
                    break;
                }
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                }
            } else if (now >= deadline) {
                break;
            }
            Map<String, String> state = new LinkedHashMap<>();
            state.put("seq", Long.toString(seq++));
            state.put("t", Long.toString(System.nanoTime()));
            writer.updateData(state);
        }
        return seq;
    }

    /** The measured interval, open or closed, as read by the listeners' threads. */
    static final class Window {
        private volatile long start = Long.MAX_VALUE;
        private volatile long end = Long.MAX_VALUE;

        long open() {
            start = System.nanoTime();
            return start;
        }

        long close() {
            end = System.nanoTime();
            return end;
        }

        boolean contains(long now) {
            return now >= start && now <= end;
        }
    }
}
