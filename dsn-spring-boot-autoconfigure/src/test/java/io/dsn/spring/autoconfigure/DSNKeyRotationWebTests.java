package io.dsn.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import io.dsn.DSNodeServer;
import io.dsn.ProtocolMode;
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

/**
 * A node of the secure protocol whose network keys are rotated through the {@code dsn} endpoint's
 * write operation, allowed with {@code management.endpoint.dsn.access=unrestricted}. No answer
 * ever carries a key.
 */
@SpringBootTest(classes = DSNKeyRotationWebTests.WebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "server.port=0",
                "dsn.port=0",
                "dsn.node-id=secure-node",
                "dsn.protocol=secure",
                "dsn.max-clock-skew=20s",
                "management.endpoints.web.exposure.include=dsn",
                "management.endpoint.dsn.access=unrestricted"})
@DirtiesContext
class DSNKeyRotationWebTests {

    private static final String KEY = DSNodeServer.generateKey();
    private static final String NEXT = DSNodeServer.generateKey();
    private static final String OLDER = DSNodeServer.generateKey();

    @TempDir
    static Path credentials;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @LocalServerPort
    int webPort;

    @Autowired
    DSNodeServer server;

    @DynamicPropertySource
    static void dsnProperties(DynamicPropertyRegistry registry) {
        registry.add("dsn.credential-dir", () -> credentials.toString());
        registry.add("dsn.aes-key", () -> KEY);
        registry.add("dsn.network-keys", () -> OLDER);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeysAreRotatedThroughTheEndpointAndNeverShown() throws Exception {
        assertThat(server.config().protocol()).isEqualTo(ProtocolMode.SECURE);
        assertThat(server.config().maxClockSkew()).isEqualTo(Duration.ofSeconds(20));
        String before = get();
        assertThat((String) JsonPath.read(before, "$.protocol")).isEqualTo("secure");
        List<String> ids = JsonPath.read(before, "$.networkKeys.accepted");
        assertThat(ids).hasSize(2);
        String keyId = ids.get(0);
        String olderId = ids.get(1);

        HttpResponse<String> added = post("{\"action\": \"add\", \"key\": \"" + NEXT + "\"}");
        assertThat(added.statusCode()).isEqualTo(200);
        List<String> afterAdd = JsonPath.read(added.body(), "$.accepted");
        assertThat(afterAdd).hasSize(3).startsWith(keyId, olderId);
        String nextId = afterAdd.get(2);

        assertThat(post("{\"action\": \"primary\", \"keyId\": \"" + nextId + "\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> removed = post("{\"action\": \"remove\", \"keyId\": \"" + olderId + "\"}");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat((String) JsonPath.read(removed.body(), "$.primary")).isEqualTo(nextId);
        assertThat((List<String>) JsonPath.read(removed.body(), "$.accepted")).containsExactly(nextId, keyId);
        assertThat(server.networkKey()).contains(NEXT);

        for (String body : List.of(added.body(), removed.body(), get())) {
            assertThat(body).doesNotContain(KEY).doesNotContain(NEXT).doesNotContain(OLDER);
        }
    }

    @Test
    void wrongRequestsAre400AndNeverRepeatTheKey() throws Exception {
        String broken = NEXT.substring(2) + "zz";
        HttpResponse<String> badKey = post("{\"action\": \"add\", \"key\": \"" + broken + "\"}");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.body()).doesNotContain(broken);
        assertThat(post("{\"action\": \"rotate\", \"keyId\": \"00000000\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"action\": \"remove\", \"keyId\": \"00000000\"}").statusCode()).isEqualTo(400);
        assertThat(post("{\"action\": \"primary\"}").statusCode()).isEqualTo(400);
    }

    private String get() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + webPort + "/actuator/dsn"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + webPort + "/actuator/dsn"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WebApplication {
    }
}
