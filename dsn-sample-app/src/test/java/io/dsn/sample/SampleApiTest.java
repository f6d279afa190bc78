package io.dsn.sample;

import io.dsn.DSNodeServer;
import io.dsn.sample.demo.DemoNetwork;
import io.dsn.sample.node.TemperatureHistory;
import io.dsn.sample.web.EventBroadcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REST API, the event stream and the actuator of a running sample with its demo network. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dsn.port=0",
        "dsn.tick-interval=1s",
        "sample.sensor.interval=300ms",
        "sample.demo.interval=300ms",
        "sample.monitor.heartbeat=300ms"})
@DirtiesContext
class SampleApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELF = "monitor";
    private static final List<String> DEMO_SENSORS = List.of("demo-sensor-1", "demo-sensor-2", "demo-sensor-3");

    @TempDir
    static Path credentials;

    @DynamicPropertySource
    static void credentialDir(DynamicPropertyRegistry registry) {
        registry.add("dsn.credential-dir", () -> credentials.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoNetwork demo;

    @Autowired
    EventBroadcaster broadcaster;

    @Autowired
    TemperatureHistory history;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<InputStream> openStreams = new ArrayList<>();

    @AfterEach
    void closeStreams() throws IOException {
        for (InputStream stream : openStreams) {
            stream.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Optional<JsonNode> nodeById(JsonNode nodes, String id) {
        for (JsonNode node : nodes) {
            if (id.equals(node.path("id").asString())) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    @Test
    void theDemoSensorsAppearWithTheirReadings() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode nodes = getJson("/api/nodes");
            assertThat(nodes.get(0).path("id").asString()).isEqualTo(SELF);
            assertThat(nodes.get(0).path("status").asString()).isEqualTo("self");
            assertHasTypedReading(nodes.get(0));
            for (String id : DEMO_SENSORS) {
                JsonNode node = nodeById(nodes, id).orElseThrow(() -> new AssertionError(id + " missing in " + nodes));
                assertHasTypedReading(node);
                assertThat(node.path("status").asString()).isEqualTo("live");
                assertThat(node.path("port").asInt()).isPositive();
                assertThat(node.path("lastHeardFrom").isNull()).isFalse();
                assertThat(node.path("lastUpdate").isNull()).isFalse();
            }
        });
    }

    /** A sensor's reading: one typed value in its state, the JSON text of the view's reading. */
    private static void assertHasTypedReading(JsonNode node) {
        JsonNode reading = node.path("reading");
        assertThat(reading.path("celsius").isNumber()).as("%s", node).isTrue();
        assertThat(reading.path("celsius").asDouble()).isBetween(15.0, 27.0);
        assertThat(Instant.parse(reading.path("takenAt").asString())).isNotNull();
        assertThat(node.path("state").has("temperature") || node.path("state").has("timestamp")).as("%s", node).isFalse();
        assertThat(JSON.readTree(node.path("state").path("reading").asString())).isEqualTo(reading);
    }

    @Test
    void theMonitorChartsEveryReadingItHears() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(history.recent())
                .containsKeys(SELF, "demo-sensor-1", "demo-sensor-2", "demo-sensor-3")
                .allSatisfy((id, points) -> assertThat(points).isNotEmpty()));
    }

    @Test
    void aPeerReadsAReadingAsJsonTextAsAPythonNodeDoes() {
        DSNodeServer peer = demo.servers().get(0);
        await().atMost(WAIT).until(() -> peer.readData(SELF, "reading").isPresent());

        JsonNode reading = JSON.readTree(peer.readData(SELF, "reading").orElseThrow());
        assertThat(reading.properties()).extracting(Map.Entry::getKey).containsExactly("celsius", "takenAt");
        assertThat(reading.path("celsius").isNumber()).isTrue();
        assertThat(reading.path("takenAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");
    }

    @Test
    void oneNodeByIdAndAJsonErrorForAnUnknownOne() throws Exception {
        await().atMost(WAIT).until(() -> get("/api/nodes/demo-sensor-1").statusCode() == 200);
        JsonNode node = getJson("/api/nodes/demo-sensor-1");
        assertThat(node.path("id").asString()).isEqualTo("demo-sensor-1");
        assertThat(node.path("address").asString()).isEqualTo("127.0.0.1");

        HttpResponse<String> missing = get("/api/nodes/nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(missing.body());
        assertThat(error.path("status").asInt()).isEqualTo(404);
        assertThat(error.path("message").asString()).contains("nobody");
        assertThat(error.path("path").asString()).isEqualTo("/api/nodes/nobody");
    }

    @Test
    void aKeySetThroughTheApiReachesThePeersAndCanBeRemoved() throws Exception {
        HttpResponse<String> put = http.send(request("/api/state/location")
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("greenhouse 3")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).path("state").path("location").asString()).isEqualTo("greenhouse 3");
        assertThat(getJson("/api/nodes/" + SELF).path("state").path("location").asString()).isEqualTo("greenhouse 3");
        DSNodeServer peer = demo.servers().get(1);
        await().atMost(WAIT).until(() -> peer.readData(SELF, "location").equals(Optional.of("greenhouse 3")));

        HttpResponse<String> delete = http.send(request("/api/state/location").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(200);
        assertThat(JSON.readTree(delete.body()).path("state").has("location")).isFalse();
        assertThat(getJson("/api/nodes/" + SELF).path("state").has("location")).isFalse();
        await().atMost(WAIT).until(() -> peer.readData(SELF, "location").isEmpty());
    }

    @Test
    void theBodyIsTheValueWhateverItsContentType() throws Exception {
        // What curl sends for 'curl -X PUT --data "a=b&c" .../api/state/raw'.
        HttpResponse<String> put = http.send(request("/api/state/raw")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("a=b&c")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(getJson("/api/nodes/" + SELF).path("state").path("raw").asString()).isEqualTo("a=b&c");
    }

    @Test
    void aBlankKeyIsRefusedWithAJsonError() throws Exception {
        HttpResponse<String> put = http.send(request("/api/state/%20").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(put.body()).path("message").asString()).contains("key");
    }

    @Test
    void theEventStreamStartsWithASnapshotAndCarriesThePeersStateChanges() throws Exception {
        BufferedReader stream = openEventStream();

        SseEvent first = nextEvent(stream, event -> true);
        assertThat(first.name()).isEqualTo("snapshot");
        assertThat(first.data().path("self").asString()).isEqualTo(SELF);
        assertThat(first.data().path("nodes").get(0).path("id").asString()).isEqualTo(SELF);

        SseEvent changed = nextEvent(stream, event -> event.name().equals("state-changed")
                && event.data().path("node").path("id").asString().startsWith(DemoNetwork.NODE_ID_PREFIX));
        assertThat(changed.data().path("node").path("reading").path("celsius").isNumber()).isTrue();
        assertThat(changed.data().path("changedKeys").toString()).contains("reading");
    }

    @Test
    void aClosedEventStreamIsForgotten() throws Exception {
        int before = broadcaster.subscriberCount();
        HttpResponse<InputStream> response = http.send(request("/api/events").build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(nextEvent(reader, event -> true).name()).isEqualTo("snapshot");
        assertThat(broadcaster.subscriberCount()).isEqualTo(before + 1);

        response.body().close();

        await().atMost(WAIT).until(() -> broadcaster.subscriberCount() == before);
    }

    @Test
    void theHealthShowsTheDsnNodeUpWithItsPeers() {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode dsn = getJson("/actuator/health").path("components").path("dsn");
            assertThat(dsn.path("status").asString()).isEqualTo("UP");
            assertThat(dsn.path("details").path("nodeId").asString()).isEqualTo(SELF);
            assertThat(dsn.path("details").path("peers").asInt()).isEqualTo(3);
        });
    }

    @Test
    void prometheusScrapesTheDsnMetrics() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/prometheus");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).containsPattern("(?m)^dsn_peers 3\\.0$").contains("dsn_state_updates_total");
        });
    }

    @Test
    void theDsnEndpointAndMetricsAreExposed() throws Exception {
        assertThat(getJson("/actuator/dsn").path("node").path("nodeId").asString()).isEqualTo(SELF);
        assertThat(getJson("/actuator/metrics/dsn.peers").path("name").asString()).isEqualTo("dsn.peers");
    }

    // ---- server-sent events -----------------------------------------------------------------------

    private record SseEvent(String name, JsonNode data) {
    }

    private BufferedReader openEventStream() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request("/api/events").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        openStreams.add(response.body());
        return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    /** Reads events until one matches; fails after a timeout instead of hanging on a silent stream. */
    private static SseEvent nextEvent(BufferedReader reader, Predicate<SseEvent> wanted) throws Exception {
        CompletableFuture<SseEvent> found = CompletableFuture.supplyAsync(() -> {
            try {
                String name = "message";
                StringBuilder data = new StringBuilder();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring("data:".length()));
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        SseEvent event = new SseEvent(name, JSON.readTree(data.toString()));
                        if (wanted.test(event)) {
                            return event;
                        }
                        name = "message";
                        data.setLength(0);
                    }
                }
                throw new AssertionError("the event stream ended");
            } catch (IOException e) {
                throw new AssertionError("the event stream failed", e);
            }
        });
        try {
            return found.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            found.cancel(true);
        }
    }
}
