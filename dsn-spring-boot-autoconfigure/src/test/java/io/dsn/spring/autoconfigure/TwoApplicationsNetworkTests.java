package io.dsn.spring.autoconfigure;

import io.dsn.DSNEvent;
import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.DataReceived;
import io.dsn.PeerJoined;
import io.dsn.PeerLeft;
import io.dsn.PeerStateChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring applications, each with its own DSN node, form a network: the second joins through
 * the first, and the nodes' events reach the applications' {@code @EventListener} methods.
 */
class TwoApplicationsNetworkTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path credentials;

    private final String key = DSNodeServer.generateKey();

    private ApplicationContextRunner application(String nodeId, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withUserConfiguration(EventRecording.class)
                .withPropertyValues("dsn.node-id=" + nodeId, "dsn.port=0", "dsn.aes-key=" + key,
                        "dsn.credential-dir=" + credentials.resolve(nodeId),
                        "dsn.tick-interval=200ms", "dsn.request-timeout=2s", "dsn.attempts=2", "dsn.retry-pause=50ms")
                .withPropertyValues(properties);
    }

    @Test
    void writesTravelBetweenApplicationsAsSpringEvents() {
        application("alpha").run(alpha -> {
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            application("beta", "dsn.bootstrap-nodes=127.0.0.1:" + alphaPort).run(beta -> {
                assertThat(alpha).hasNotFailed();
                assertThat(beta).hasNotFailed();
                EventRecording alphaEvents = alpha.getBean(EventRecording.class);
                EventRecording betaEvents = beta.getBean(EventRecording.class);
                DSNode alphaNode = alpha.getBean(DSNode.class);
                DSNode betaNode = beta.getBean(DSNode.class);

                // The second node joined through the first: both know each other and said so.
                assertThat(betaNode.peers()).containsExactly("beta", "alpha");
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(alphaNode.peers()).containsExactlyInAnyOrder("alpha", "beta");
                    assertThat(alphaEvents.of(PeerJoined.class)).extracting(PeerJoined::nodeId).containsExactly("beta");
                    assertThat(betaEvents.of(PeerJoined.class)).extracting(PeerJoined::nodeId).containsExactly("alpha");
                });

                alphaNode.updateData(Map.of("temperature", "21.5"));

                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(betaEvents.of(PeerStateChanged.class)).anySatisfy(event -> {
                            assertThat(event.nodeId()).isEqualTo("alpha");
                            assertThat(event.current()).containsExactlyEntriesOf(Map.of("temperature", "21.5"));
                            assertThat(event.changedKeys()).containsExactly("temperature");
                        }));
                assertThat(betaNode.readData("alpha", "temperature")).contains("21.5");
                assertThat(alphaEvents.of(PeerStateChanged.class)).as("a node's own write is no peer event").isEmpty();

                betaNode.updateData("humidity", "40");
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(alphaEvents.of(PeerStateChanged.class))
                                .anySatisfy(event -> assertThat(event.changedKeys()).isEqualTo(Set.of("humidity"))));
                assertThat(alphaNode.readData("beta", "humidity")).contains("40");
                // A listener of the sealed DSNEvent type hears every one of them.
                assertThat(alphaEvents.anyEvents).containsAll(alphaEvents.events);
                assertThat(betaEvents.anyEvents).containsAll(betaEvents.events);
            });
        });
    }

    @Test
    void dataMessagesArriveAsSpringEvents() {
        application("alpha").run(alpha -> {
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            application("beta", "dsn.bootstrap-nodes=127.0.0.1:" + alphaPort).run(beta -> {
                String reply = beta.getBean(DSNode.class).sendToNode("alpha", "hello".getBytes(StandardCharsets.UTF_8));

                assertThat(reply).isEqualTo("OK");
                EventRecording alphaEvents = alpha.getBean(EventRecording.class);
                await().atMost(WAIT).untilAsserted(() -> assertThat(alphaEvents.of(DataReceived.class))
                        .containsExactly(new DataReceived("beta", "hello".getBytes(StandardCharsets.UTF_8))));
            });
        });
    }

    @Test
    void closingOneApplicationIsSeenAsPeerLeftInTheOtherAtOnce() {
        application("alpha").run(alpha -> {
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            application("beta", "dsn.bootstrap-nodes=127.0.0.1:" + alphaPort).run(beta -> {
                EventRecording betaEvents = beta.getBean(EventRecording.class);
                assertThat(beta.getBean(DSNode.class).peers()).contains("alpha");

                alpha.close();

                // Dropped before close() returned: alpha said it leaves.
                assertThat(beta.getBean(DSNode.class).peers()).containsExactly("beta");
                await().atMost(WAIT).untilAsserted(() -> assertThat(betaEvents.of(PeerLeft.class))
                        .containsExactly(new PeerLeft("alpha", PeerLeft.Reason.LEFT)));
                assertThat(beta.getBean(DSNode.class).state("alpha")).isEmpty();
            });
        });
    }

    /** Records the DSN events published in the application, as any application would hear them. */
    @Configuration(proxyBeanMethods = false)
    static class EventRecording {

        final List<DSNEvent> events = new CopyOnWriteArrayList<>();
        final List<DSNEvent> anyEvents = new CopyOnWriteArrayList<>();

        @EventListener
        void onJoined(PeerJoined event) {
            events.add(event);
        }

        @EventListener
        void onStateChanged(PeerStateChanged event) {
            events.add(event);
        }

        @EventListener
        void onLeft(PeerLeft event) {
            events.add(event);
        }

        @EventListener
        void onData(DataReceived event) {
            events.add(event);
        }

        @EventListener
        void onAnyEvent(DSNEvent event) {
            anyEvents.add(event);
        }

        <T extends DSNEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
