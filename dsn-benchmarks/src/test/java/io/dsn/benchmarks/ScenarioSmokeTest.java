package io.dsn.benchmarks;

import io.dsn.benchmarks.network.ScenarioReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs every network scenario for about a second with a few nodes (two transports for
 * {@code exchange}, a small flood for {@code flood}) and fast timings, and checks that its JSON
 * line has the expected figures with sane values. Not a performance test: no figure is compared
 * with a target here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScenarioSmokeTest {

    private static final String[] FAST = {"--tick-ms", "200", "--timeout-ms", "1000", "--attempts", "2", "--retry-pause-ms", "50"};

    @Test
    void fanout() throws Exception {
        Map<String, Object> json = run("fanout", "--nodes", "3", "--seconds", "1", "--warmup", "0.2", "--calibration-seconds", "0.2");
        assertThat(json).containsKeys("writesPerSecond", "deliveriesPerSecond", "stalenessP50Ms", "stalenessP99Ms",
                "stalenessMaxMs", "signMicros", "verifyMicros", "cryptoCeilingPerSecond", "ceilingFraction", "targetMet");
        assertThat(json.get("meshComplete")).isEqualTo(true);
        assertThat(json.get("protocol")).isEqualTo("compatible");
        assertThat(number(json, "writes")).isPositive();
        assertThat(number(json, "deliveries")).isPositive();
        assertOrdered(json, "stalenessP50Ms", "stalenessP99Ms", "stalenessMaxMs");
        assertThat(number(json, "signMicros")).isPositive();
        assertThat(number(json, "verifyMicros")).isPositive();
        assertThat(number(json, "cryptoCeilingPerSecond")).isPositive();
    }

    @Test
    void latencyInTheSecureProtocol() throws Exception {
        Map<String, Object> json = run("latency", "--nodes", "3", "--seconds", "1", "--warmup", "0.2", "--rate", "50",
                "--protocol", "secure");
        assertThat(json.get("protocol")).isEqualTo("secure");
        assertThat(json).containsKeys("allReadersP50Ms", "allReadersP90Ms", "allReadersP99Ms", "allReadersMaxMs",
                "eachReaderP50Ms", "undelivered", "targetMet");
        assertThat(number(json, "writes")).isEqualTo(50);
        assertThat(number(json, "undelivered")).isZero();
        assertThat(number(json, "allReadersP50Ms")).isPositive();
        assertOrdered(json, "allReadersP50Ms", "allReadersP90Ms", "allReadersP99Ms", "allReadersMaxMs");
    }

    @Test
    void join() throws Exception {
        Map<String, Object> json = run("join", "--nodes", "5", "--limit-seconds", "20");
        assertThat(json).containsKeys("convergeSeconds", "messagesSent", "helloSent", "peersSent", "updateSent", "maxOpenFds");
        assertThat(json.get("converged")).isEqualTo(true);
        assertThat(number(json, "nodesComplete")).isEqualTo(5);
        assertThat(number(json, "missingLinks")).isZero();
        assertThat(number(json, "convergeSeconds")).isPositive();
        // Counted until every node lists all: a joiner that the others introduced meanwhile may send
        // its PEERS request only after that, so not every joiner's need be counted.
        assertThat(number(json, "peersSent")).isPositive();
        assertThat(number(json, "messagesSent")).isGreaterThanOrEqualTo(number(json, "helloSent") + number(json, "peersSent"));
    }

    @Test
    void joinSpreadOverTwoProcesses() throws Exception {
        Map<String, Object> json = run("join", "--nodes", "4", "--processes", "2", "--limit-seconds", "20");
        assertThat(number(json, "processes")).isEqualTo(2);
        assertThat(json.get("converged")).isEqualTo(true);
        assertThat(number(json, "missingLinks")).isZero();
        assertThat(number(json, "peersSent")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void failure() throws Exception {
        Map<String, Object> json = run("failure", "--nodes", "4", "--seconds", "1.5", "--settle-seconds", "0.4");
        assertThat(json).containsKeys("firstDropSeconds", "medianDropSeconds", "allDroppedSeconds", "falseDrops", "targetMet");
        assertThat(number(json, "droppedBy")).isEqualTo(3);
        assertThat(number(json, "stillListing")).isZero();
        assertThat(number(json, "falseDrops")).isZero();
        assertOrdered(json, "firstDropSeconds", "medianDropSeconds", "allDroppedSeconds");
    }

    @Test
    void idle() throws Exception {
        Map<String, Object> json = run("idle", "--nodes", "4", "--seconds", "1", "--warmup", "0.4");
        assertThat(json).containsKeys("cpuPercentOfOneCore", "cpuPercentPerNode", "heapPerNodeKiB", "threadsPerNode",
                "messagesPerSecond", "falseDrops", "targetMet");
        assertThat(json.get("meshComplete")).isEqualTo(true);
        assertThat(number(json, "messagesPerSecond")).isPositive();
        assertThat(number(json, "pingsPerSecond")).isPositive();
        assertThat(number(json, "cpuPercentOfOneCore")).isPositive();
        assertThat(number(json, "falseDrops")).isZero();
    }

    @Test
    void exchange() throws Exception {
        Map<String, Object> json = run("exchange", "--concurrency", "4", "--seconds", "1", "--warmup", "0.3");
        assertThat(json).containsKeys("exchangesPerSecond", "cpuMicrosPerExchange", "jitMicrosPerExchange", "latencyP50Ms",
                "latencyP99Ms", "latencyMaxMs", "transportThreads", "threadsStartedPerSecond", "transportFds", "targetMet");
        assertThat(number(json, "concurrency")).isEqualTo(4);
        assertThat(number(json, "bodyBytes")).isEqualTo(240);
        assertThat(number(json, "exchanges")).isPositive();
        assertThat(number(json, "errors")).isZero();
        assertThat(number(json, "cpuMicrosPerExchange")).isPositive();
        assertThat(number(json, "transportThreads")).isPositive();
        assertThat(json.get("lanesStopped")).isEqualTo(true);
        assertOrdered(json, "latencyP50Ms", "latencyP99Ms", "latencyMaxMs");
    }

    @Test
    void flood() throws Exception {
        Map<String, Object> json = run("flood", "--ids", "150", "--concurrency", "4", "--seconds", "1.5", "--warmup", "0.3",
                "--rate", "20");
        assertThat(json).containsKeys("helloPerSecond", "helloAnswerP50Ms", "helloAnswerP99Ms", "peersPeak", "peersFinal",
                "nodeThreadsFinal", "ioThreadsPeak", "flooderThreadsPeak", "jvmThreadsFinal", "threadsStarted",
                "honestListed", "targetDroppedByHonest", "quietDelayP50Ms", "quietDelayP99Ms", "floodDelayP50Ms",
                "floodDelayP99Ms", "floodDelayMaxMs");
        assertThat(json.get("linked")).isEqualTo(true);
        assertThat(number(json, "helloSent")).isEqualTo(150);
        assertThat(number(json, "helloOtherStatus")).isZero();
        assertThat(number(json, "helloNoAnswer")).isZero();
        assertThat(number(json, "helloAccepted") + number(json, "hello429")).isEqualTo(150);
        // new_keys_per_minute (120 by default, refilled at 2 a second) bounds the keys pinned
        assertThat(number(json, "helloAccepted")).isPositive().isLessThanOrEqualTo(130);
        assertThat(number(json, "pinFilesCreated")).isEqualTo(number(json, "helloAccepted"));
        assertThat(number(json, "nodeThreadsBefore")).isPositive();
        assertOrdered(json, "nodeThreadsBefore", "nodeThreadsPeak");
        assertOrdered(json, "jvmThreadsBefore", "jvmThreadsPeak");
        assertThat(number(json, "flooderThreadsPeak")).isGreaterThanOrEqualTo(4);
        assertThat(json.get("honestDropped")).isEqualTo(false);
        assertThat(json.get("honestLastUpdateArrived")).isEqualTo(true);
        assertThat(number(json, "quietUpdates")).isPositive();
        assertThat(number(json, "floodUpdates")).isPositive();
        assertOrdered(json, "floodDelayP50Ms", "floodDelayP99Ms", "floodDelayMaxMs");
    }

    @Test
    void unknownOptionsAndScenariosAreRefused() {
        assertThatThrownBy(() -> BenchmarkMain.run("fanout", "--nodez", "3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodez");
        assertThatThrownBy(() -> BenchmarkMain.run("nosuch")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkMain.run("idle", "--nodes", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkMain.run("simulate", "--signatures", "none"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--signatures");
        assertThatThrownBy(() -> BenchmarkMain.run("simulate", "--sweep", "10,x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jmhBenchmarkListIsGenerated() {
        assertThat(getClass().getResource("/META-INF/BenchmarkList")).isNotNull();
    }

    @Test
    void simulateGivesTheSameFiguresForTheSameSeed() throws Exception {
        String[] options = {"--nodes", "8", "--seed", "7", "--idle-ticks", "5", "--partition-seconds", "5", "--loss", "0.05"};
        Map<String, Object> first = run("simulate", options);
        Map<String, Object> second = run("simulate", options);
        assertThat(first).containsKeys("convergeVirtualSeconds", "idleMessagesPerNodePerTick", "idlePingPerNodePerTick",
                "failureDetectedVirtualSeconds", "crashDetectedVirtualSeconds", "healReconvergeVirtualSeconds",
                "falseDrops", "wallSeconds", "heapUsedMb", "signatures");
        assertThat(first.get("converged")).isEqualTo(true);
        assertThat(number(first, "nodes")).isEqualTo(8);
        assertThat(number(first, "idleMessagesPerNodePerTick")).isPositive();
        assertThat(number(first, "failureDetectedVirtualSeconds")).isPositive();
        assertThat(number(first, "crashDetectedVirtualSeconds")).isPositive();
        assertThat(number(first, "partitionDrops")).isPositive();
        assertThat(first.get("signatures")).isEqualTo("stand-in");
        for (String measuredOnTheWall : List.of("wallSeconds", "heapUsedMb")) {
            first.remove(measuredOnTheWall);
            second.remove(measuredOnTheWall);
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void simulateSweepDrawsAPlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("scale.png");
        ScenarioReport summary = BenchmarkMain.run("simulate", "--sweep", "4,6", "--idle-ticks", "2",
                "--partition-seconds", "0", "--plot", png.toString());
        assertThat(summary.scenario()).isEqualTo("simulate-sweep");
        assertThat(summary.figures()).containsKeys("convergeVirtualSeconds4", "convergeVirtualSeconds6",
                "idleMessagesPerNodePerTick6");
        assertThat((Double) summary.get("idleMessagesPerNodePerTick6")).isPositive();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(800);
        assertThat(image.getHeight()).isGreaterThan(400);
    }

    private static Map<String, Object> run(String scenario, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(scenario));
        args.addAll(List.of(options));
        args.addAll(List.of(FAST));
        ScenarioReport report = BenchmarkMain.run(args.toArray(String[]::new));
        String line = report.toJson();
        assertThat(line).doesNotContain("\n").startsWith("{\"scenario\":\"" + scenario + "\"");
        Map<String, Object> json = parseFlat(line);
        assertThat(json).containsEntry("scenario", scenario);
        for (Map.Entry<String, Object> figure : json.entrySet()) {
            if (figure.getValue() instanceof Number n) {
                assertThat(Double.isFinite(n.doubleValue())).as(figure.getKey()).isTrue();
            }
            assertThat(figure.getValue()).as(figure.getKey()).isNotNull();
        }
        return json;
    }

    private static double number(Map<String, Object> json, String key) {
        assertThat(json).containsKey(key);
        assertThat(json.get(key)).as(key).isInstanceOf(Number.class);
        return ((Number) json.get(key)).doubleValue();
    }

    private static void assertOrdered(Map<String, Object> json, String... keys) {
        for (int i = 1; i < keys.length; i++) {
            assertThat(number(json, keys[i])).as(keys[i] + " >= " + keys[i - 1]).isGreaterThanOrEqualTo(number(json, keys[i - 1]));
        }
    }

    /** A flat JSON object (string, number, boolean or null values) as a map, in order. */
    private static Map<String, Object> parseFlat(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), text)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = parser.currentName();
                JsonToken token = parser.nextToken();
                Object value = switch (token) {
                    case VALUE_STRING -> parser.getString();
                    case VALUE_NUMBER_INT -> parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                    case VALUE_TRUE -> true;
                    case VALUE_FALSE -> false;
                    case VALUE_NULL -> null;
                    default -> throw new AssertionError("not a flat JSON object: " + token + " at " + key);
                };
                values.put(key, value);
            }
            assertThat(parser.nextToken()).isNull();
        }
        return values;
    }
}
