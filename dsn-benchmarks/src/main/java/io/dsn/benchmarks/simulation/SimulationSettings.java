package io.dsn.benchmarks.simulation;

import io.dsn.benchmarks.network.NodeTimings;
import io.dsn.benchmarks.network.Options;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What one simulation runs with, read from the command line; every option has a default.
 *
 * @param credentials where the nodes' key files go: in memory when empty
 */
record SimulationSettings(int nodes, long seed, int bootstrapNodes, NodeTimings timings, Duration delayMin,
                          Duration delayMax, Duration joinLimit, int idleTicks, double loss, Duration detectLimit,
                          Duration partition, boolean standInSignatures, Optional<Path> credentials) {

    static final int MIN_NODES = 4;
    static final int MAX_NODES = 5000;

    static final Set<String> OPTIONS = Set.of("nodes", "seed", "bootstrap-nodes", "delay-min-ms", "delay-max-ms",
            "join-limit-seconds", "idle-ticks", "loss", "detect-limit-seconds", "partition-seconds", "signatures");

    static SimulationSettings from(Options options) {
        int nodes = options.intValue("nodes", 100, MIN_NODES, MAX_NODES);
        return withNodes(options, nodes);
    }

    /** The settings of {@code options} for {@code nodes} nodes (a sweep runs one per size). */
    static SimulationSettings withNodes(Options options, int nodes) {
        String signatures = options.string("signatures").orElse("stand-in");
        if (!signatures.equals("stand-in") && !signatures.equals("ecdsa")) {
            throw new IllegalArgumentException("--signatures must be stand-in or ecdsa, got '" + signatures + "'");
        }
        Duration delayMin = options.millis("delay-min-ms", Duration.ofMillis(1), 0, 60_000);
        Duration delayMax = options.millis("delay-max-ms", Duration.ofMillis(5), 0, 60_000);
        if (delayMax.compareTo(delayMin) < 0) {
            throw new IllegalArgumentException("--delay-max-ms must not be below --delay-min-ms");
        }
        return new SimulationSettings(
                nodes,
                options.intValue("seed", 1, 0, Integer.MAX_VALUE),
                options.intValue("bootstrap-nodes", 1, 1, nodes - 2),
                NodeTimings.from(options),
                delayMin,
                delayMax,
                options.seconds("join-limit-seconds", 120, 3600),
                options.intValue("idle-ticks", 20, 1, 10_000),
                options.doubleValue("loss", 0.01, 0, 0.5),
                options.seconds("detect-limit-seconds", 60, 3600),
                options.seconds("partition-seconds", 30, 3600),
                signatures.equals("stand-in"),
                options.string("credentials").map(Path::of));
    }
}
