package io.dsn.benchmarks.network;

import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import io.dsn.internal.protocol.MessageType;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * The transport alone, without cryptography: a client and a server transport in this JVM on
 * 127.0.0.1, the server answering a fixed body at once, the client keeping {@code --concurrency}
 * requests outstanding (each sent when the answer to the one before it arrived). Over the
 * measured time: exchanges per second, the process CPU time (client and server, kernel time of
 * the system calls, GC and JIT included) divided by the exchanges, and the time of an exchange.
 */
public final class ExchangeScenario implements Scenario {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String SERVER = "exchange-server";
    private static final String CLIENT = "exchange-client";

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public String description() {
        return "two transports, no crypto, a closed loop of requests: CPU per exchange (client + server), exchanges/s";
    }

    @Override
    public Set<String> options() {
        return Set.of("concurrency", "body", "answer", "seconds", "warmup");
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        int concurrency = options.intValue("concurrency", 10, 1, 1024);
        int bodyBytes = options.intValue("body", 240, 0, 1024 * 1024);
        int answerBytes = options.intValue("answer", 16, 0, 1024 * 1024);
        Duration measured = options.seconds("seconds", 10, 3600);
        Duration warmup = options.seconds("warmup", 5, 3600);
        Duration timeout = options.millis("timeout-ms", DSNodeConfig.DEFAULT_REQUEST_TIMEOUT, 10, 600_000);
        int serverThreads = options.intValue("server-threads", DSNodeConfig.DEFAULT_SERVER_THREADS, 1, 1024);
        int cores = Runtime.getRuntime().availableProcessors();

        byte[] body = filled(bodyBytes, (byte) 'b');
        TransportResponse answer = new TransportResponse(200, filled(answerBytes, (byte) 'a'));

        ScenarioReport report = new ScenarioReport(name());
        int threadsBefore = ProcessStats.threads();
        int fdsBefore = ProcessStats.openFds();
        try (Transport server = ExchangeTransports.open(SERVER, serverThreads, timeout, concurrency);
             Transport client = ExchangeTransports.open(CLIENT, serverThreads, timeout, concurrency)) {
            int port = server.listen(LOOPBACK, 0, (path, request, remote) -> answer);
            ExchangeLoad load = new ExchangeLoad(client, new Endpoint(LOOPBACK, port), MessageType.UPDATE.path(), body,
                    timeout);
            load.start(concurrency);
            ProcessStats.sleepQuietly(warmup.toMillis());

            long failedBefore = load.failed();
            long cpuBefore = ProcessStats.cpuNanos();
            long jitBefore = ProcessStats.jitCpuNanos();
            long startedBefore = ProcessStats.threadsStarted();
            long answeredBefore = load.answered();
            long start = load.openWindow();
            ProcessStats.sleepQuietly(measured.toMillis());
            long end = load.closeWindow();
            long answeredAfter = load.answered();
            long started = ProcessStats.threadsStarted() - startedBefore;
            long jitAfter = ProcessStats.jitCpuNanos();
            long cpuAfter = ProcessStats.cpuNanos();
            long failed = load.failed() - failedBefore;
            int threads = ProcessStats.threads() - threadsBefore;
            int fds = ProcessStats.openFds() - fdsBefore;
            boolean stopped = load.stop(timeout.plusSeconds(1));

            double seconds = (end - start) / 1e9;
            long exchanges = answeredAfter - answeredBefore;
            boolean cpuKnown = cpuBefore >= 0 && exchanges > 0;
            boolean jitKnown = jitBefore >= 0 && jitAfter >= 0 && exchanges > 0;
            double cpuMicros = cpuKnown ? (cpuAfter - cpuBefore) / 1e3 / exchanges : -1.0;
            double jitMicros = jitKnown ? (jitAfter - jitBefore) / 1e3 / exchanges : -1.0;
            Histogram times = load.times();
            report.add("concurrency", concurrency, "", "requests outstanding at once (closed loop)")
                    .add("bodyBytes", bodyBytes, "B", "request body")
                    .add("answerBytes", answerBytes, "B", "answer body")
                    .add("serverThreads", serverThreads, "", "worker threads of each transport (--server-threads)")
                    .add("seconds", seconds, "s", "measured time")
                    .add("exchanges", exchanges, "", "exchanges answered 200")
                    .add("exchangesPerSecond", exchanges / seconds, "1/s", "exchanges per second")
                    .add("errors", failed, "", "exchanges failed or not answered 200")
                    .add("cpuCores", cpuBefore < 0 ? -1.0 : (cpuAfter - cpuBefore) / 1e9 / seconds, "cores",
                            "CPU used by the whole JVM (of " + cores + ")")
                    .add("cpuMicrosPerExchange", cpuMicros, "us", "CPU per exchange, client + server (-1: unknown)")
                    .add("jitMicrosPerExchange", jitMicros, "us", "of which JIT compiler threads (-1: unknown)")
                    .add("latencyP50Ms", Histogram.millis(times.percentile(50)), "ms", "exchange time p50")
                    .add("latencyP99Ms", Histogram.millis(times.percentile(99)), "ms", "exchange time p99")
                    .add("latencyMaxMs", Histogram.millis(times.max()), "ms", "exchange time max")
                    .add("transportThreads", threads, "", "threads of the JVM beyond those before the transports")
                    .add("threadsStartedPerSecond", started / seconds, "1/s", "threads started per second")
                    .add("transportFds", fds, "", "open file descriptors beyond those before (sockets)")
                    .add("lanesStopped", stopped, "", "every lane stopped after the run")
                    .add("targetMet", cpuKnown && cpuMicros <= 60, "", "target: at most 60 us of CPU per exchange");
            if (failed > 0) {
                report.note("first failure: " + load.firstFailure());
            }
        }
        report.note("An exchange: POST " + MessageType.UPDATE.path() + " with " + bodyBytes + " bytes, answered 200 with "
                + answerBytes + " bytes, on 127.0.0.1. The defaults are");
        report.note("the sizes of an encrypted UPDATE of a 5-key state (240 bytes) and of the encrypted \"nothing new\"");
        report.note("answer (16 bytes). No cryptography: the server answers a fixed body, the client only counts it.");
        report.note("CPU per exchange = process CPU time over the measured time / exchanges: both transports, the");
        report.note("loop's bookkeeping, GC, JIT and the kernel time of the system calls.");
        report.note("Of the cluster options only --server-threads and --timeout-ms apply (to both transports).");
        return report;
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
