package io.dsn.benchmarks.simulation;

import io.dsn.benchmarks.network.Options;
import io.dsn.benchmarks.network.Scenario;
import io.dsn.benchmarks.network.ScenarioReport;
import io.dsn.benchmarks.simulation.explore.Explorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code simulate}: N real nodes on the in-memory network in virtual time ({@link Simulation});
 * with {@code --sweep 10,30,100} one simulation per size, each report printed as it ends, then a
 * summary, and with {@code --plot FILE.png} a plot of the summary ({@link ScalePlot}); with
 * {@code --explore}, random fault schedules with invariants checked ({@link Explorer}).
 */
public final class SimulateScenario implements Scenario {

    private static final String QUIET_START_LOGGER = "org.slf4j.simpleLogger.log.io.dsn.DSNodeServer";
    private static final String QUIET_NODES_LOGGER = "org.slf4j.simpleLogger.log.io.dsn";

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String description() {
        return "N real nodes in virtual time on the in-memory network (join, idle, blackhole, crash, partition);"
                + " --sweep N1,N2,... [--plot FILE.png] for one run per size; --explore --seeds N [--first-seed S]"
                + " [--nodes K] [--trace] for random fault schedules with invariants checked";
    }

    @Override
    public Set<String> options() {
        Set<String> options = new HashSet<>(SimulationSettings.OPTIONS);
        options.add("sweep");
        options.add("plot");
        options.addAll(Explorer.OPTIONS);
        return options;
    }

    @Override
    public ScenarioReport run(Options options) throws Exception {
        // Nodes start without waiting for their first join, on which DSNodeServer warns each time.
        if (System.getProperty(QUIET_START_LOGGER) == null) {
            System.setProperty(QUIET_START_LOGGER, "error");
        }
        if (options.flag("explore")) {
            options.requireKnown("simulate --explore", Explorer.OPTIONS);
            // Thousands of seeds fault nodes on purpose, and their warnings would bury the report: only a trace shows them.
            if (!options.flag("trace") && System.getProperty(QUIET_NODES_LOGGER) == null) {
                System.setProperty(QUIET_NODES_LOGGER, "error");
            }
            return Explorer.run(options, System.out);
        }
        List<Integer> sizes = options.string("sweep").map(SimulateScenario::sizes).orElse(List.of());
        if (sizes.isEmpty()) {
            if (options.string("plot").isPresent()) {
                throw new IllegalArgumentException("--plot needs --sweep");
            }
            return Simulation.run(SimulationSettings.from(options));
        }
        List<ScenarioReport> runs = new ArrayList<>();
        for (int nodes : sizes) {
            ScenarioReport run = Simulation.run(SimulationSettings.withNodes(options, nodes));
            run.print(System.out);
            runs.add(run);
        }
        ScenarioReport summary = new ScenarioReport("simulate-sweep");
        summary.add("sizes", String.join(",", sizes.stream().map(String::valueOf).toList()), "", "network sizes");
        for (ScenarioReport run : runs) {
            Object n = run.get("nodes");
            summary.add("convergeVirtualSeconds" + n, run.get("convergeVirtualSeconds"), "s", "N=" + n + ": join convergence (-1: not converged)")
                    .add("idleMessagesPerNodePerTick" + n, run.get("idleMessagesPerNodePerTick"), "", "N=" + n + ": idle requests per node per tick")
                    .add("falseDrops" + n, run.get("falseDrops"), "", "N=" + n + ": false drops")
                    .add("wallSeconds" + n, run.get("wallSeconds"), "s", "N=" + n + ": wall-clock time");
        }
        if (options.string("plot").isPresent()) {
            Path png = Path.of(options.string("plot").get());
            ScalePlot.write(png, runs);
            summary.note("plot written to " + png.toAbsolutePath());
        }
        return summary;
    }

    private static List<Integer> sizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int nodes = Integer.parseInt(part.trim());
                if (nodes < SimulationSettings.MIN_NODES || nodes > SimulationSettings.MAX_NODES) {
                    throw new NumberFormatException();
                }
                sizes.add(nodes);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--sweep takes sizes between " + SimulationSettings.MIN_NODES + " and "
                        + SimulationSettings.MAX_NODES + " separated by commas, such as 10,30,100; got '" + text + "'");
            }
        }
        return sizes;
    }
}
