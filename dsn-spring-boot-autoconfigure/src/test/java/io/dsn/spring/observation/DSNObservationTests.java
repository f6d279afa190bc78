package io.dsn.spring.observation;

import io.dsn.DSNode;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.spring.autoconfigure.metrics.DSNMetricsAutoConfiguration;
import io.dsn.spring.autoconfigure.observation.DSNObservationAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The node's exchanges as Micrometer observations, and the per-peer gauges. */
class DSNObservationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String network = "observed-" + UUID.randomUUID();

    private ApplicationContextRunner application(String nodeId) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class, DSNMetricsAutoConfiguration.class,
                        DSNObservationAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=" + nodeId, "dsn.transport=in-memory",
                        "dsn.in-memory.network-name=" + network, "dsn.tick-interval=200ms");
    }

    @Test
    void outgoingAndIncomingExchangesAreObservedWithTheirMessageDirectionAndOutcome() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        application("alpha").withBean(ObservationRegistry.class, () -> registry).run(alpha ->
                application("beta").run(beta -> {
                    beta.getBean(DSNode.class).updateData("k", "v");
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(alpha.getBean(DSNode.class).readData("beta", "k")).contains("v");
                        TestObservationRegistryAssert.assertThat(registry)
                                .hasAnObservation(observation -> observation
                                        .hasNameEqualTo("dsn.exchange")
                                        .hasContextualNameEqualTo("dsn hello incoming")
                                        .hasLowCardinalityKeyValue("dsn.message", "hello")
                                        .hasLowCardinalityKeyValue("dsn.direction", "incoming")
                                        .hasLowCardinalityKeyValue("dsn.outcome", "success")
                                        .hasHighCardinalityKeyValue("dsn.node", "alpha")
                                        .hasHighCardinalityKeyValue("dsn.status", "200"))
                                .hasAnObservation(observation -> observation
                                        .hasNameEqualTo("dsn.exchange")
                                        .hasLowCardinalityKeyValue("dsn.message", "update")
                                        .hasLowCardinalityKeyValue("dsn.direction", "incoming"))
                                .hasAnObservation(observation -> observation
                                        .hasNameEqualTo("dsn.exchange")
                                        .hasLowCardinalityKeyValue("dsn.message", "ping")
                                        .hasLowCardinalityKeyValue("dsn.direction", "outgoing")
                                        .hasLowCardinalityKeyValue("dsn.outcome", "success"));
                    });
                }));
    }

    @Test
    void perPeerGaugesTellHowLongAgoAPeerWasHeardAndHowOldItsStateIs() {
        application("alpha").withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .run(alpha -> application("beta").run(beta -> {
            MeterRegistry meters = alpha.getBean(MeterRegistry.class);
            beta.getBean(DSNode.class).updateData("k", "v");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(meters.find("dsn.peer.last.heard").tag("peer", "beta").gauge()).isNotNull()
                        .satisfies(gauge -> assertThat(gauge.value()).isBetween(0.0, 5.0));
                assertThat(meters.find("dsn.peer.state.age").tag("peer", "beta").gauge()).isNotNull()
                        .satisfies(gauge -> assertThat(gauge.value()).isBetween(0.0, 5.0));
            });
            // The old names still count.
            assertThat(meters.find("dsn.messages.received").counters()).isNotEmpty();
        }));
        // beta closed: its rows go when alpha sees it leave (alpha closed too by now: nothing left to assert on).
    }
}
