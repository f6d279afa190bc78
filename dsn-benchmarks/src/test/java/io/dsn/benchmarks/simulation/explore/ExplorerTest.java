package io.dsn.benchmarks.simulation.explore;

import io.dsn.benchmarks.BenchmarkMain;
import io.dsn.benchmarks.network.ScenarioReport;
import io.dsn.runtime.SimulatedBug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code simulate --explore}: a few hundred seeds break no invariant, each simulated bug is
 * found within a few seeds (so every check can fail), and a seed replays exactly.
 */
class ExplorerTest {

    private static final Map<SimulatedBug, Invariant> CAUGHT_BY = Map.of(
            SimulatedBug.ACCEPT_OLDER_STATES, Invariant.NO_ROLLBACK,
            SimulatedBug.MERGE_STATES, Invariant.NO_FORGERY,
            SimulatedBug.NEVER_DROP_UNREACHABLE, Invariant.DETECTION,
            SimulatedBug.FORGET_OWN_TIMESTAMPS, Invariant.NO_LOST_WRITE,
            SimulatedBug.SKIP_UPDATES, Invariant.CONVERGENCE,
            SimulatedBug.LEAK_TIMERS, Invariant.BOUNDED);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void threeHundredSeedsBreakNoInvariant() throws Exception {
        ScenarioReport report = BenchmarkMain.run("simulate", "--explore", "--seeds", "300");

        assertThat(report.get("violations")).as("violations, each with its replay command above").isEqualTo(List.of());
        assertThat(report.get("violationCount")).isEqualTo(0);
        assertThat(report.get("seeds")).isEqualTo(300);
        assertThat(((Number) report.get("secureSeeds")).intValue()).as("both protocols drawn").isBetween(100, 200);
        assertThat(((Number) report.get("faultsInjected")).longValue()).isGreaterThan(3_000);
        assertThat(((Number) report.get("invariantsChecked")).longValue()).isGreaterThan(1_000_000);
        assertThat(((Number) report.get("virtualSeconds")).doubleValue()).isGreaterThan(300 * 60.0);
    }

    @ParameterizedTest
    @EnumSource(SimulatedBug.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachSimulatedBugIsFoundWithinTwentySeedsByItsInvariant(SimulatedBug bug) throws Exception {
        Invariant expected = CAUGHT_BY.get(bug);
        ScenarioReport report = BenchmarkMain.run("simulate", "--explore", "--seeds", "20", "--bug", Explorer.bugName(bug));

        assertThat(((Number) report.get("seedsBroken." + expected.label())).intValue())
                .as("seeds in which %s was found broken with %s", expected.label(), bug).isPositive();
        List<Map<String, Object>> violations = violations(report);
        assertThat(violations).extracting(v -> v.get("invariant")).contains(expected.label());
        assertThat(violations).allSatisfy(v -> assertThat(v).containsKeys("seed", "invariant", "virtualSeconds", "detail"));
        assertThat(report.get("bugs")).isEqualTo(Explorer.bugName(bug));
    }

    @Test
    void theJsonLineListsEveryViolationWithItsSeedAndInvariant() throws Exception {
        ScenarioReport report = BenchmarkMain.run("simulate", "--explore", "--seeds", "3", "--bug", "leak-timers");
        String line = report.toJson();

        List<String> invariants = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), line)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.PROPERTY_NAME && parser.currentName().equals("invariant")) {
                    invariants.add(parser.nextStringValue());
                } else if (parser.currentToken() == JsonToken.PROPERTY_NAME && parser.currentName().equals("seed")) {
                    parser.nextToken();
                    seeds.add(parser.getLongValue());
                }
            }
        }
        assertThat(invariants).hasSize(violations(report).size()).contains("bounded");
        assertThat(seeds).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void aSeedReplaysExactlyWithTheSameTrace() throws Exception {
        String first = trace(17);
        String second = trace(17);

        assertThat(first).contains("seed 17:").contains("the fault phase ends").contains(" joined");
        assertThat(second).isEqualTo(first);
        assertThat(trace(18)).isNotEqualTo(first);
    }

    @Test
    void badOptionsAreRefusedSayingWhatIsValid() {
        assertThatThrownBy(() -> BenchmarkMain.run("simulate", "--explore", "--bug", "nonsense"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accept-older-states");
        assertThatThrownBy(() -> BenchmarkMain.run("simulate", "--explore", "--sweep", "10,30"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--sweep");
        assertThatThrownBy(() -> BenchmarkMain.run("simulate", "--explore", "--nodes", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--nodes");
        assertThatThrownBy(() -> BenchmarkMain.run("simulate", "--explore", "--trace", "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flag");
    }

    private static String trace(long seed) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ExplorationRun.run(seed, Explorer.DEFAULT_MAX_NODES, true, Set.of(), Trace.to(out));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> violations(ScenarioReport report) {
        return (List<Map<String, Object>>) report.get("violations");
    }
}
