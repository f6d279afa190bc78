package io.dsn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The body limit over HTTP: states of a few megabytes, as Python nodes send them, pass under the
 * default; a write that peers would refuse fails at once instead of vanishing; a peer's 413 is
 * reported.
 */
class BodyLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path credentials;

    private final String key = DSNodeServer.generateKey();
    private final List<DSNodeServer> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(DSNodeServer::stop);
    }

    @Test
    void theDefaultLimitIs16MiB() {
        assertThat(config("a").build().maxBodySize()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void aStateOfSeveralMegabytesReachesAPeerUnderTheDefaultLimit() {
        DSNodeServer a = start(config("a"));
        DSNodeServer b = start(config("b").addBootstrapNode(a.endpoint()));
        Map<String, String> large = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            large.put("key-" + i, ("é" + i).repeat(4000));
        }

        b.updateData(large);

        await().atMost(WAIT).untilAsserted(() -> assertThat(a.node().state("b")).isEqualTo(large));
        b.updateData("small", "after the large one");
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.readData("b", "small")).contains("after the large one"));
    }

    @Test
    void aWriteOverTheLimitFailsAtOnceAndChangesNothing() {
        DSNodeServer a = start(config("a"));
        // Named as a Spring application names it: the starter gives its nodes this naming.
        DSNodeServer b = start(config("b").maxBodySize(64 * 1024).addBootstrapNode(a.endpoint())
                .settingNaming(DSNSettingNaming.SPRING_PROPERTIES));
        b.updateData("before", "1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.readData("b", "before")).contains("1"));

        assertThatThrownBy(() -> b.updateData("big", "x".repeat(70 * 1024)))
                .isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(64 * 1024);
                    assertThat(e.size()).isGreaterThan(70 * 1024);
                    assertThat(e).hasMessageContaining("dsn.max-body-size")
                            .hasMessageContaining(Long.toString(e.size()));
                });

        assertThat(b.readData("b", "big")).as("the refused write left the state as it was").isEmpty();
        b.updateData("after", "2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(a.readData("b", "after")).contains("2"));
        assertThat(a.readData("b", "big")).isEmpty();
    }

    @Test
    void dataOverTheLimitFailsAtOnce() {
        DSNodeServer a = start(config("a"));
        DSNodeServer b = start(config("b").maxBodySize(64 * 1024).addBootstrapNode(a.endpoint()));

        assertThatThrownBy(() -> b.sendToNode("a", new byte[70 * 1024]))
                .isInstanceOf(MessageTooLargeException.class)
                .hasMessageContaining("max_body_size").hasMessageNotContaining("dsn.");
        assertThat(b.sendToNode("a", new byte[60 * 1024])).isEqualTo("OK");
    }

    @Test
    void aPeerWithASmallerLimitRefusesWith413AndTheSenderCountsTheRefusal() {
        List<DSNMetrics.Outcome> updates = new CopyOnWriteArrayList<>();
        DSNMetrics metrics = new DSNMetrics() {
            @Override
            public void messageSent(Message message, Outcome outcome, long nanos) {
                if (message == Message.UPDATE) {
                    updates.add(outcome);
                }
            }
        };
        DSNodeServer small = start(config("small").maxBodySize(16 * 1024));
        DSNodeServer large = started(DSNodeServer.builder(config("large").addBootstrapNode(small.endpoint()).build())
                .metrics(metrics).start());

        large.updateData("big", "y".repeat(32 * 1024));

        await().atMost(WAIT).until(() -> updates.contains(DSNMetrics.Outcome.REFUSED));
        assertThat(small.readData("large", "big")).isEmpty();
    }

    private DSNodeConfig.Builder config(String id) {
        return DSNodeConfig.builder().nodeId(id).port(0).aesKey(key).credentialDir(credentials)
                .bindAddress("127.0.0.1").tickInterval(Duration.ofMillis(300))
                .requestTimeout(Duration.ofSeconds(5)).attempts(2).retryPause(Duration.ofMillis(50));
    }

    private DSNodeServer start(DSNodeConfig.Builder config) {
        return started(DSNodeServer.start(config.build()));
    }

    private DSNodeServer started(DSNodeServer server) {
        started.add(server);
        return server;
    }
}
