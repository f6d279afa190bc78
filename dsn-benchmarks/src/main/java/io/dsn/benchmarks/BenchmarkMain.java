package io.dsn.benchmarks;

import io.dsn.benchmarks.network.Cluster;
import io.dsn.benchmarks.network.ExchangeScenario;
import io.dsn.benchmarks.network.FailureScenario;
import io.dsn.benchmarks.network.FanoutScenario;
import io.dsn.benchmarks.network.FloodScenario;
import io.dsn.benchmarks.network.IdleScenario;
import io.dsn.benchmarks.network.JoinScenario;
import io.dsn.benchmarks.network.LatencyScenario;
import io.dsn.benchmarks.network.Options;
import io.dsn.benchmarks.network.Scenario;
import io.dsn.benchmarks.network.ScenarioReport;
import io.dsn.benchmarks.simulation.SimulateScenario;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code java -jar dsn-benchmarks.jar SCENARIO [--option value ...]} runs a network scenario;
 * {@code java -jar dsn-benchmarks.jar jmh [JMH arguments]} runs the JMH micro-benchmarks.
 */
public final class BenchmarkMain {

    public static final List<Scenario> SCENARIOS = List.of(
            new FanoutScenario(), new LatencyScenario(), new JoinScenario(), new FailureScenario(), new IdleScenario(),
            new ExchangeScenario(), new FloodScenario(), new SimulateScenario());

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            usage(System.out);
            return;
        }
        if ("jmh".equals(args[0])) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        ScenarioReport report;
        try {
            report = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            usage(System.err);
            System.exit(2);
            return;
        }
        report.note("command: java -jar dsn-benchmarks.jar " + String.join(" ", args));
        report.print(System.out);
    }

    /**
     * Runs the scenario named by {@code args[0]} with the options that follow.
     *
     * @throws IllegalArgumentException for an unknown scenario or option
     */
    public static ScenarioReport run(String... args) throws Exception {
        Scenario scenario = find(args[0]).orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + args[0] + "'"));
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        Set<String> known = new HashSet<>(scenario.options());
        known.addAll(Cluster.OPTIONS);
        options.requireKnown(scenario.name(), known);
        return scenario.run(options);
    }

    private static Optional<Scenario> find(String name) {
        return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar dsn-benchmarks.jar SCENARIO [--option value ...]");
        out.println("       java -jar dsn-benchmarks.jar jmh [JMH options, e.g. -f 1 -wi 3 -w 1s -i 5 -r 1s]");
        out.println();
        out.println("Scenarios run real nodes over HTTP on 127.0.0.1 in this JVM (simulate: on an in-memory network in virtual time),");
        out.println("print a table and one JSON line:");
        for (Scenario scenario : SCENARIOS) {
            out.printf("  %-8s %s%n", scenario.name(), scenario.description());
            out.println("           options: --" + String.join(" --", new TreeSet<>(scenario.options())));
        }
        out.println();
        out.println("Every scenario also takes: --" + String.join(" --", new TreeSet<>(Cluster.OPTIONS)));
        out.println("(node timings default to the node's own: tick 3000 ms, timeout 2000 ms, 3 attempts, pause 500 ms;");
        out.println(" --credentials DIR puts the nodes' key files under DIR instead of the temporary directory)");
    }
}
