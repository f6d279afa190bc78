package io.dsn.benchmarks.simulation.explore;

import io.dsn.benchmarks.network.Options;
import io.dsn.benchmarks.network.ScenarioReport;
import io.dsn.runtime.SimulatedBug;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code simulate --explore}: deterministic simulation testing. Each seed draws a network and a
 * schedule of writes and faults ({@link Schedule}), runs it on real nodes in virtual time
 * ({@link ExplorationRun}) and checks the {@link Invariant}s all along. Every violation is printed
 * with the command that replays its seed with a trace; the report's JSON line lists them all.
 */
public final class Explorer {

    /** The options of {@code simulate --explore}. */
    public static final Set<String> OPTIONS = Set.of("explore", "seeds", "first-seed", "nodes", "trace", "signatures",
            "bug");
    static final int DEFAULT_MAX_NODES = 7;
    static final int MAX_NODES = 64;

    private Explorer() {
    }

    public static ScenarioReport run(Options options, PrintStream out) throws IOException {
        int seeds = options.intValue("seeds", 100, 1, 10_000_000);
        long firstSeed = options.intValue("first-seed", 1, 0, Integer.MAX_VALUE);
        int maxNodes = options.intValue("nodes", DEFAULT_MAX_NODES, Schedule.MIN_NODES, MAX_NODES);
        boolean trace = options.flag("trace");
        String signatures = options.string("signatures").orElse("stand-in");
        if (!signatures.equals("stand-in") && !signatures.equals("ecdsa")) {
            throw new IllegalArgumentException("--signatures must be stand-in or ecdsa, got '" + signatures + "'");
        }
        boolean standIn = signatures.equals("stand-in");
        Set<SimulatedBug> bugs = bugs(options);
        String extra = (standIn ? "" : " --signatures " + signatures) + options.string("bug").map(bug -> " --bug " + bug)
                .orElse("");
        long wallStart = System.nanoTime();
        List<Violation> violations = new ArrayList<>();
        Map<Invariant, Integer> seedsBroken = new EnumMap<>(Invariant.class);
        long checked = 0;
        long faults = 0;
        double virtualSeconds = 0;
        int secureSeeds = 0;
        int maxPendingTasks = 0;
        double slowestSettle = 0;
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            ExplorationRun.Result result = ExplorationRun.run(seed, maxNodes, standIn, bugs,
                    trace ? Trace.to(out) : Trace.off());
            checked += result.invariantsChecked();
            faults += result.faultsInjected();
            virtualSeconds += result.virtualSeconds();
            secureSeeds += result.schedule().protocol() == io.dsn.ProtocolMode.SECURE ? 1 : 0;
            maxPendingTasks = Math.max(maxPendingTasks, result.maxPendingTasks());
            slowestSettle = Math.max(slowestSettle, result.settleSeconds());
            for (Violation violation : result.violations()) {
                out.println("VIOLATION " + violation);
                out.println("  replay: " + replayCommand(seed, maxNodes, extra));
                violations.add(violation);
            }
            result.violations().stream().map(Violation::invariant).distinct()
                    .forEach(invariant -> seedsBroken.merge(invariant, 1, Integer::sum));
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        ScenarioReport report = new ScenarioReport("simulate-explore");
        report.add("seeds", seeds, "", "seeds run, from --first-seed on")
                .add("firstSeed", firstSeed, "", "the first seed")
                .add("maxNodes", maxNodes, "", "most nodes a seed draws (3 to this)")
                .add("secureSeeds", secureSeeds, "", "seeds that drew the secure protocol (the others: compatible)")
                .add("violationCount", violations.size(), "", "violations found (each printed above with its replay)")
                .add("violations", violations.stream().map(Violation::toJson).toList(), "",
                        "the violations: seed, invariant, virtual time, what was seen");
        for (Invariant invariant : Invariant.values()) {
            report.add("seedsBroken." + invariant.label(), seedsBroken.getOrDefault(invariant, 0), "",
                    "  seeds in which " + invariant.label() + " was broken");
        }
        report.add("invariantsChecked", checked, "", "invariant checks made (per node or pair, each time)")
                .add("faultsInjected", faults, "", "faults put in force (partitions, cuts, loss, delays, blackholes,"
                        + " crashes, pauses, stops, key rotations)")
                .add("virtualSeconds", virtualSeconds, "s", "virtual time simulated, all seeds")
                .add("slowestSettleSeconds", slowestSettle, "s", "longest convergence after the last fault (virtual)")
                .add("maxPendingTasks", maxPendingTasks, "", "most tasks waiting on a timeline at once")
                .add("signatures", signatures, "", "stand-in: not ECDSA (every check of the protocol still runs)")
                .add("bugs", String.join(",", bugs.stream().map(Explorer::bugName).toList()), "",
                        "bugs put into every node on purpose (--bug), to show the checks find them")
                .add("wallSeconds", wallSeconds, "s", "wall-clock time of the run");
        report.note("Replay one seed with its trace: " + replayCommand(firstSeed, maxNodes, extra));
        return report;
    }

    /** The command that replays one seed with its trace; {@code options} are those it ran with besides the seed's. */
    static String replayCommand(long seed, int maxNodes, String options) {
        return String.format(Locale.ROOT,
                "java -jar dsn-benchmarks/target/dsn-benchmarks.jar simulate --explore --seeds 1 --first-seed %d"
                        + " --nodes %d%s --trace", seed, maxNodes, options);
    }

    /** {@code --bug accept-older-states,merge-states}: the {@link SimulatedBug}s to put in every node. */
    static Set<SimulatedBug> bugs(Options options) {
        Set<SimulatedBug> bugs = EnumSet.noneOf(SimulatedBug.class);
        for (String name : options.string("bug").map(text -> text.split(",")).orElse(new String[0])) {
            bugs.add(Arrays.stream(SimulatedBug.values()).filter(bug -> bugName(bug).equals(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--bug takes " + String.join(", ",
                            Arrays.stream(SimulatedBug.values()).map(Explorer::bugName).toList())
                            + " (several separated by commas); got '" + name + "'")));
        }
        return bugs;
    }

    static String bugName(SimulatedBug bug) {
        return bug.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String nodeId(int i) {
        return String.format(Locale.ROOT, "node-%04d", i);
    }
}
