package io.dsn.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web application with Actuator: the DSN node's health, its {@code dsn} endpoint and its
 * {@code dsn.peers} gauge over HTTP, with a plain Java node as its peer.
 */
@SpringBootTest(classes = DSNActuatorWebTests.WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.port=0",
                "dsn.port=0",
                "dsn.node-id=web-node",
                "management.endpoints.web.exposure.include=health,dsn,metrics",
                "management.endpoint.health.show-details=always",
                "management.endpoint.dsn.show-values=always"})
@DirtiesContext
class DSNActuatorWebTests {

    private static final String KEY = DSNodeServer.generateKey();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    static Path credentials;

    private static DSNodeServer plain;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    int webPort;

    @Autowired
    DSNodeServer server;

    @DynamicPropertySource
    static void dsnProperties(DynamicPropertyRegistry registry) {
        registry.add("dsn.credential-dir", () -> credentials.resolve("web").toString());
        registry.add("dsn.aes-key", () -> KEY);
    }

    @BeforeEach
    void startPlainPeer() {
        if (plain == null) {
            // A dotted id: the endpoint's /actuator/dsn/{nodeId} must take it whole.
            plain = DSNodeServer.start(DSNodeConfig.builder()
                    .nodeId("plain.node")
                    .port(0)
                    .aesKey(KEY)
                    .credentialDir(credentials.resolve("plain"))
                    .addBootstrapNode(new Endpoint("127.0.0.1", server.endpoint().port()))
                    .build());
            plain.updateData("role", "plain");
        }
        assertThat(plain.peers()).contains("web-node");
    }

    @AfterAll
    static void stopPlainPeer() {
        if (plain != null) {
            plain.stop();
            plain = null;
        }
    }

    @Test
    void healthShowsTheDsnComponentWithDetails() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/health");
            assertThat(response.statusCode()).isEqualTo(200);
            String json = response.body();
            assertThat((String) JsonPath.read(json, "$.components.dsn.status")).isEqualTo("UP");
            assertThat((String) JsonPath.read(json, "$.components.dsn.details.nodeId")).isEqualTo("web-node");
            assertThat((Integer) JsonPath.read(json, "$.components.dsn.details.port")).isEqualTo(server.endpoint().port());
            assertThat((Integer) JsonPath.read(json, "$.components.dsn.details.peers")).isEqualTo(1);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void endpointListsThePeerWithItsState() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/dsn");
            assertThat(response.statusCode()).isEqualTo(200);
            String json = response.body();
            assertThat((String) JsonPath.read(json, "$.node.nodeId")).isEqualTo("web-node");
            assertThat((Integer) JsonPath.read(json, "$.node.port")).isEqualTo(server.endpoint().port());
            assertThat((Boolean) JsonPath.read(json, "$.serving")).isTrue();
            assertThat((List<String>) JsonPath.read(json, "$.peers[*].nodeId")).containsExactly("plain.node");
            assertThat((String) JsonPath.read(json, "$.peers[0].state.role")).isEqualTo("plain");
        });
    }

    @Test
    void endpointShowsOnePeerAndAnswers404ForAnUnknownOne() throws Exception {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/dsn/plain.node");
            assertThat(response.statusCode()).isEqualTo(200);
            String json = response.body();
            assertThat((String) JsonPath.read(json, "$.nodeId")).isEqualTo("plain.node");
            assertThat((String) JsonPath.read(json, "$.address")).isEqualTo("127.0.0.1");
            assertThat((Integer) JsonPath.read(json, "$.port")).isEqualTo(plain.endpoint().port());
            assertThat((String) JsonPath.read(json, "$.state.role")).isEqualTo("plain");
            assertThat((Object) JsonPath.read(json, "$.lastHeardFrom")).isNotNull();
        });

        assertThat(get("/actuator/dsn/nobody").statusCode()).isEqualTo(404);
    }

    @Test
    void theKeyRotationOperationIsOffByDefaultAndACompatibleNodeShowsNoKeyIds() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + webPort + "/actuator/dsn"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"add\", \"key\": \"" + KEY + "\"}"))
                .build();

        assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        String json = get("/actuator/dsn").body();
        assertThat((String) JsonPath.read(json, "$.protocol")).isEqualTo("compatible");
        assertThat(json).doesNotContain("networkKeys\":{");
    }

    @Test
    @SuppressWarnings("unchecked")
    void peersGaugeCountsThePeer() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/metrics/dsn.peers");
            assertThat(response.statusCode()).isEqualTo(200);
            String json = response.body();
            assertThat((String) JsonPath.read(json, "$.name")).isEqualTo("dsn.peers");
            assertThat((List<Double>) JsonPath.read(json, "$.measurements[?(@.statistic == 'VALUE')].value"))
                    .containsExactly(1.0);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodeMetricsAreRecorded() {
        await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> response = get("/actuator/metrics/dsn.messages.received");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat((List<String>) JsonPath.read(response.body(), "$.availableTags[?(@.tag == 'type')].values[*]"))
                    .contains("hello");
        });
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + webPort + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WebApplication {
    }
}
