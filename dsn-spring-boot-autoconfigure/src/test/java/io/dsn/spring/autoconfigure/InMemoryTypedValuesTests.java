package io.dsn.spring.autoconfigure;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.values.DSNValuesAutoConfiguration;
import io.dsn.spring.values.DSNValueException;
import io.dsn.spring.values.DSNValues;
import io.dsn.spring.values.DSNValuesChanged;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import tools.jackson.core.type.TypeReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Several application contexts in one JVM on {@code dsn.transport=in-memory}: one network, no
 * port, no credential file, no key configured, exchanging typed values.
 */
class InMemoryTypedValuesTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    record Reading(double celsius, Instant at) {
    }

    private final String network = "test-" + UUID.randomUUID();

    private ApplicationContextRunner application(String nodeId, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DSNAutoConfiguration.class,
                        DSNValuesAutoConfiguration.class))
                .withUserConfiguration(Changes.class)
                .withPropertyValues("dsn.node-id=" + nodeId, "dsn.transport=in-memory",
                        "dsn.in-memory.network-name=" + network, "dsn.tick-interval=200ms")
                .withPropertyValues(properties);
    }

    @Test
    void threeContextsFormOneNetworkAndExchangeTypedValues() {
        application("alpha").run(alpha -> application("beta").run(beta -> application("gamma").run(gamma -> {
            assertThat(alpha).hasNotFailed();
            assertThat(beta).hasNotFailed();
            assertThat(gamma).hasNotFailed();
            // Nothing listens on a port, and nothing was written where the application runs.
            assertThat(alpha.getBean(DSNodeServer.class).endpoint().address()).isEqualTo("127.0.0.1");
            assertThat(Path.of("credentials")).doesNotExist();
            await().atMost(WAIT).untilAsserted(() -> {
                for (var context : List.of(alpha, beta, gamma)) {
                    assertThat(context.getBean(DSNode.class).peers()).containsExactlyInAnyOrder("alpha", "beta", "gamma");
                }
            });

            DSNValues alphaValues = alpha.getBean(DSNValues.class);
            Reading reading = new Reading(21.5, Instant.parse("2026-03-01T12:00:00Z"));
            alphaValues.publish(Map.of("reading", reading, "history", List.of(20.0, 21.5)));

            DSNValues gammaValues = gamma.getBean(DSNValues.class);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(gammaValues.read("alpha", "reading", Reading.class)).contains(reading));
            assertThat(gammaValues.<List<Double>>read("alpha", "history", new TypeReference<List<Double>>() { }.getType()))
                    .contains(List.of(20.0, 21.5));
            // A Python peer reads the same value as a JSON string.
            assertThat(gamma.getBean(DSNode.class).readData("alpha", "reading"))
                    .contains("{\"celsius\":21.5,\"at\":\"2026-03-01T12:00:00Z\"}");
            assertThat(gammaValues.readAll("reading", Reading.class)).containsExactlyEntriesOf(Map.of("alpha", reading));
            assertThatThrownBy(() -> gammaValues.read("alpha", "reading", Integer.class))
                    .isInstanceOf(DSNValueException.class).hasMessageContaining("'reading' of node alpha");

            Changes betaChanges = beta.getBean(Changes.class);
            await().atMost(WAIT).untilAsserted(() -> assertThat(betaChanges.events).anySatisfy(event -> {
                assertThat(event.nodeId()).isEqualTo("alpha");
                assertThat(event.changedKeys()).containsExactlyInAnyOrder("reading", "history");
                assertThat(event.value("reading", Reading.class)).contains(reading);
                assertThat(event.previousValue("reading", Reading.class)).isEmpty();
            }));
        })));
    }

    @Test
    void aContextThatClosesLeavesTheNetworkAndDeletesItsTemporaryCredentials() {
        application("alpha").run(alpha -> {
            Path[] credentials = new Path[1];
            application("beta").run(beta -> {
                credentials[0] = beta.getBean(DSNodeServer.class).config().credentialDir();
                assertThat(credentials[0]).isDirectory();
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(alpha.getBean(DSNode.class).peers()).containsExactlyInAnyOrder("alpha", "beta"));
            });
            assertThat(Files.exists(credentials[0])).isFalse();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(alpha.getBean(DSNode.class).peers()).containsExactly("alpha"));
        });
    }

    @Test
    void networksOfAnotherNameAreSeparate() {
        application("alpha").run(alpha -> application("beta", "dsn.in-memory.network-name=" + network + "-other")
                .run(beta -> {
                    assertThat(beta).hasNotFailed();
                    Thread.sleep(600);
                    assertThat(alpha.getBean(DSNode.class).peers()).containsExactly("alpha");
                    assertThat(beta.getBean(DSNode.class).peers()).containsExactly("beta");
                }));
    }

    @Configuration(proxyBeanMethods = false)
    static class Changes {

        final List<DSNValuesChanged> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(DSNValuesChanged event) {
            events.add(event);
        }
    }
}
