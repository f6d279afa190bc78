package io.dsn.benchmarks.network;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A HELLO flood against one node: an insider with the network key says HELLO from many node ids
 * never seen before (see {@link HelloFlood}), each advertising a dead endpoint, as fast as a
 * bounded number of requests outstanding allows. Meanwhile an honest peer keeps updating its
 * state at a fixed rate. Measures the flooded node's threads (its own, and the whole JVM's), the
 * pin files it wrote, how it answered the HELLOs, whether it dropped the honest peer, and how
 * long the honest peer's updates took to reach its listener before and during the flood.
 */
public final class FloodScenario implements Scenario {

    static final String TARGET = "target";
    static final String HONEST = "honest";
    private static final String FLOOD_PREFIX = "flood-";
    private static final String SHARED_IO_THREADS = "dsn-io";
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(50);
    private static final Duration FLOOD_ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final String PUBLIC_KEY_SUFFIX = ".pub";

    @Override
    public String name() {
        return "flood";
    }

    @Override
    public String description() {
        return "HELLOs from many new node ids with dead endpoints: threads and pin files of the node, honest peer kept?";
    }

    @Override
    public Set<String> options() {
        return Set.of("ids", "concurrency", "seconds", "warmup", "rate");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int ids = options.intValue("ids", 2000, 1, 100_000);
        int concurrency = options.intValue("concurrency", 16, 1, 1024);
        Duration observed = options.seconds("seconds", 15, 3600);
        Duration warmup = options.seconds("warmup", 3, 3600);
        double rate = options.doubleValue("rate", 10, 0.1, 10_000);

        FanoutScenario.Window window = new FanoutScenario.Window();
        HonestPeerWatch watch = new HonestPeerWatch(TARGET, HONEST, window);

        ScenarioReport report = new ScenarioReport(name());
        try (Cluster cluster = new Cluster(options)) {
            DSNodeServer target = cluster.start(TARGET, List.of(), watch.nodeListener());
            DSNodeServer honest = cluster.start(HONEST, List.of(target.endpoint()), watch.peerListener());
            boolean linked = awaitLinked(target, honest, Duration.ofSeconds(30));
            Endpoint dead = deadEndpoint();
            Path pinDir = target.config().credentialDir().resolve(TARGET);
            long prepareStart = System.nanoTime();
            try (HelloFlood flood = HelloFlood.prepare(cluster.networkKey(), FLOOD_PREFIX, ids, dead, FLOOD_ANSWER_TIMEOUT);
                 RateWriter writer = new RateWriter(honest, rate).start()) {
                double prepareSeconds = (System.nanoTime() - prepareStart) / 1e9;
                ProcessStats.sleepQuietly(warmup.toMillis()); // the honest peer's updates without a flood

                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                int jvmBefore = threads.getThreadCount();
                int nodeBefore = ProcessStats.threadsNamed(TARGET);
                int ioBefore = ProcessStats.threadsNamed(SHARED_IO_THREADS);
                long pinsBefore = pinFiles(pinDir);
                long startedBefore = threads.getTotalStartedThreadCount();
                long cpuBefore = cluster.cpuNanos();
                HelloFlood.Result result;
                int jvmPeak;
                int nodePeak;
                int ioPeak;
                int flooderPeak;
                int peersPeak;
                long start;
                long end;
                try (PeakSampler peaks = new PeakSampler()
                        .track("node", () -> ProcessStats.threadsNamed(TARGET))
                        .track("io", () -> ProcessStats.threadsNamed(SHARED_IO_THREADS))
                        .track("flooder", () -> ProcessStats.threadsNamed(HelloFlood.THREAD_NAME))
                        .track("peers", () -> target.peers().size())
                        .start(SAMPLE_PERIOD)) {
                    threads.resetPeakThreadCount();
                    start = window.open();
                    result = flood.send(target.endpoint(), concurrency, start + observed.toNanos());
                    long left = start + observed.toNanos() - System.nanoTime();
                    if (left > 0) {
                        ProcessStats.sleepQuietly(left / 1_000_000); // the aftermath: the node greets, pings, drops
                    }
                    end = System.nanoTime();
                    jvmPeak = threads.getPeakThreadCount();
                    nodePeak = peaks.peak("node");
                    ioPeak = peaks.peak("io");
                    flooderPeak = peaks.peak("flooder");
                    peersPeak = peaks.peak("peers");
                }
                long cpuAfter = cluster.cpuNanos();
                int jvmFinal = threads.getThreadCount();
                int nodeFinal = ProcessStats.threadsNamed(TARGET);
                long startedDuring = threads.getTotalStartedThreadCount() - startedBefore;
                long pinsCreated = pinFiles(pinDir) - pinsBefore;
                int peersFinal = target.peers().size();
                writer.close();
                boolean lastArrived = watch.awaitSeq(writer.lastSeq(),
                        cluster.requestTimeout().multipliedBy(cluster.attempts()).plusSeconds(1));

                double seconds = (end - start) / 1e9;
                Histogram quiet = watch.delaysOutside();
                Histogram flooded = watch.delaysInside();
                report.add("ids", ids, "", "made-up node ids, one HELLO each")
                        .add("concurrency", concurrency, "", "HELLOs unanswered at once, at most")
                        .add("tickMs", cluster.tick().toMillis(), "ms", "tick interval")
                        .add("linked", linked, "", "target and honest peer knew each other before the flood")
                        .add("prepareSeconds", prepareSeconds, "s", "making the key pairs and HELLOs (before the flood)")
                        .add("seconds", seconds, "s", "observed from the first HELLO")
                        .add("helloSent", result.sent(), "", "HELLOs sent")
                        .add("floodSeconds", result.nanos() / 1e9, "s", "first HELLO to last answer")
                        .add("helloPerSecond", result.nanos() == 0 ? 0.0 : result.sent() * 1e9 / result.nanos(), "1/s",
                                "HELLOs sent per second, first HELLO to last answer")
                        .add("helloAccepted", result.status(200), "", "HELLOs answered 200 (key pinned, peer admitted)")
                        .add("hello429", result.status(429), "", "HELLOs answered 429 (max_peers or new_keys_per_minute)")
                        .add("helloOtherStatus", result.otherStatuses(200, 429), "", "HELLOs answered another status")
                        .add("helloNoAnswer", result.noAnswer(), "", "HELLOs with no answer")
                        .add("helloAnswerP50Ms", Histogram.millis(result.answerTimes().percentile(50)), "ms",
                                "HELLO answer time p50")
                        .add("helloAnswerP99Ms", Histogram.millis(result.answerTimes().percentile(99)), "ms",
                                "HELLO answer time p99")
                        .add("pinFilesCreated", pinsCreated, "", "pin files the node wrote (" + PUBLIC_KEY_SUFFIX + " files)")
                        .add("peersPeak", peersPeak, "", "most nodes the node listed, itself included (sampled)")
                        .add("peersFinal", peersFinal, "", "nodes the node listed at the end, itself included")
                        .add("nodeThreadsBefore", nodeBefore, "", "threads named after the node, before")
                        .add("nodeThreadsPeak", nodePeak, "", "threads named after the node, peak (sampled)")
                        .add("nodeThreadsFinal", nodeFinal, "", "threads named after the node, at the end")
                        .add("ioThreadsPeak", Math.max(ioBefore, ioPeak), "", "shared I/O threads of the JVM (" + SHARED_IO_THREADS
                                + "), peak (sampled)")
                        .add("flooderThreadsPeak", flooderPeak, "", "threads of the flooder (" + HelloFlood.THREAD_NAME
                                + "*), peak (sampled)")
                        .add("jvmThreadsBefore", jvmBefore, "", "threads of the JVM, before")
                        .add("jvmThreadsPeak", jvmPeak, "", "threads of the JVM, peak (exact)")
                        .add("jvmThreadsFinal", jvmFinal, "", "threads of the JVM, at the end")
                        .add("threadsStarted", startedDuring, "", "threads started in the JVM meanwhile")
                        .add("cpuCores", cpuBefore < 0 ? -1.0 : (cpuAfter - cpuBefore) / 1e9 / seconds, "cores",
                                "CPU used by the whole JVM (of " + Runtime.getRuntime().availableProcessors() + ")")
                        .add("maxOpenFds", cluster.maxOpenFds(), "", "most open file descriptors")
                        .add("honestDropped", watch.peerDropped(), "", "the node dropped the honest peer")
                        .add("honestListed", target.peers().contains(HONEST), "", "the node lists the honest peer at the end")
                        .add("targetDroppedByHonest", watch.nodeDropped(), "", "the honest peer dropped the node")
                        .add("honestRate", rate, "writes/s", "honest peer's write rate")
                        .add("honestLastUpdateArrived", lastArrived, "", "the honest peer's last write reached the node")
                        .add("quietUpdates", quiet.count(), "", "honest updates received before the flood")
                        .add("quietDelayP50Ms", Histogram.millis(quiet.percentile(50)), "ms", "update delay before the flood p50")
                        .add("quietDelayP99Ms", Histogram.millis(quiet.percentile(99)), "ms", "update delay before the flood p99")
                        .add("floodUpdates", flooded.count(), "", "honest updates received from the first HELLO on")
                        .add("floodDelayP50Ms", Histogram.millis(flooded.percentile(50)), "ms", "update delay during the flood p50")
                        .add("floodDelayP99Ms", Histogram.millis(flooded.percentile(99)), "ms", "update delay during the flood p99")
                        .add("floodDelayMaxMs", Histogram.millis(flooded.max()), "ms", "update delay during the flood max");
                report.note("HELLO answers by status: " + result.statuses() + (result.drained() ? "" : " (some still unanswered)"));
            }
        }
        report.note("Each made-up id: a fresh key pair, a HELLO signed with it and encrypted with the network key,");
        report.note("advertising 127.0.0.1 at a closed port; sent over the JDK's HTTP client, one HELLO per id, until all");
        report.note("are sent or the observed time is over, which goes on after the flood (the node greets, pings and");
        report.note("drops the dead peers). \"Named after the node\": threads whose name contains \"" + TARGET + "\" (its");
        report.note("pools, tick and events); the JVM counts include the honest node, the flooder's client (" + HelloFlood.THREAD_NAME
                + ",");
        report.note("HttpClient selector) and the samplers. Update delay: an honest write to the flooded node's listener.");
        return report;
    }

    /** Waits until the two nodes list each other, at most {@code limit}. */
    private static boolean awaitLinked(DSNodeServer target, DSNodeServer honest, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (target.peers().contains(HONEST) && honest.peers().contains(TARGET)) {
                return true;
            }
            ProcessStats.sleepQuietly(10);
        }
        return false;
    }

    /** An endpoint on 127.0.0.1 where nothing listens: a port just bound and closed again. */
    private static Endpoint deadEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Endpoint("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** Pinned public keys of other nodes in the node's credential directory. */
    private static long pinFiles(Path nodeDir) throws IOException {
        String own = TARGET + PUBLIC_KEY_SUFFIX;
        try (Stream<Path> files = Files.list(nodeDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(PUBLIC_KEY_SUFFIX) && !file.equals(own))
                    .count();
        }
    }
}
