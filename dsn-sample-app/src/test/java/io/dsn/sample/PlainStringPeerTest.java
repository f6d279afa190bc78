package io.dsn.sample;

import io.dsn.DSNodeServer;
import io.dsn.sample.node.TemperatureHistory;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that publishes its temperature as plain strings, as a Python node does
 * ({@code node.update_data("temperature", "21.5")}): the monitor still shows and charts it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dsn.port=0",
        "dsn.tick-interval=1s",
        "sample.demo.enabled=false",
        "sample.sensor.enabled=false"})
@DirtiesContext
class PlainStringPeerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path credentials;

    @DynamicPropertySource
    static void credentialDir(DynamicPropertyRegistry registry) {
        registry.add("dsn.credential-dir", () -> credentials.resolve("monitor").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    DSNodeServer monitor;

    @Autowired
    TemperatureHistory history;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DSNodeServer peer;

    /** A plain node joined through the monitor, on a free port. */
    private DSNodeServer startPeer(String nodeId) {
        peer = DSNodeServer.start(monitor.config().toBuilder()
                .nodeId(nodeId)
                .port(0)
                .aesKey(monitor.networkKey().orElseThrow())
                .credentialDir(credentials.resolve(nodeId))
                .bootstrapNodes(List.of(monitor.endpoint()))
                .build());
        return peer;
    }

    @AfterEach
    void stopPeer() {
        if (peer != null) {
            peer.stop();
        }
    }

    private JsonNode view(String nodeId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/nodes/" + nodeId))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aTemperatureWithoutTimestampIsShownAtTheTimeOfItsState() {
        startPeer("plain-1").updateData("temperature", "21.5");

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode view = view("plain-1");
            assertThat(view.path("reading").path("celsius").asDouble()).isEqualTo(21.5);
            assertThat(view.path("reading").path("takenAt").asString()).isEqualTo(view.path("lastUpdate").asString());
            assertThat(history.recent().get("plain-1")).extracting(TemperatureHistory.Point::v).containsExactly(21.5);
        });
    }

    @Test
    void aTemperatureWithItsTimestampIsShownAtThatTime() {
        Instant takenAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        startPeer("plain-2").updateData(Map.of("temperature", "19.25", "timestamp", takenAt.toString()));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            JsonNode view = view("plain-2");
            assertThat(view.path("reading").path("celsius").asDouble()).isEqualTo(19.25);
            assertThat(Instant.parse(view.path("reading").path("takenAt").asString())).isEqualTo(takenAt);
            assertThat(history.recent().get("plain-2")).containsExactly(new TemperatureHistory.Point(takenAt.toEpochMilli(), 19.25));
        });
    }
}
