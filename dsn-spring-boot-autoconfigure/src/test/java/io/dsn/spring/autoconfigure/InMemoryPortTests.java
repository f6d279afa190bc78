package io.dsn.spring.autoconfigure;

import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.transport.InMemoryNetwork;
import io.dsn.transport.InMemoryPortInUseException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;
import java.util.UUID;

import static io.dsn.spring.autoconfigure.TestSupport.causeOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the in-memory transport the node takes a free port of its network, whatever dsn.port says: the
 * contexts of a test run share one application.yml (with the HTTP port in it) and never clash.
 */
class InMemoryPortTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String network = "ports-" + UUID.randomUUID();

    private ApplicationContextRunner application(String nodeId) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=" + nodeId, "dsn.transport=in-memory", "dsn.port=8001",
                        "dsn.in-memory.network-name=" + network, "dsn.tick-interval=200ms");
    }

    @Test
    void twoContextsWithTheSameDsnPortBothStartOnFreePortsAndSeeEachOther() {
        application("alpha").run(alpha -> application("beta").run(beta -> {
            assertThat(alpha).hasNotFailed();
            assertThat(beta).hasNotFailed();
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            int betaPort = beta.getBean(DSNodeServer.class).endpoint().port();
            assertThat(alphaPort).isNotEqualTo(8001).isNotEqualTo(betaPort);
            assertThat(alpha.getBean(DSNodeConfig.class).port()).isZero();

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(alpha.getBean(DSNode.class).peers()).containsExactlyInAnyOrder("alpha", "beta");
                assertThat(beta.getBean(DSNode.class).peers()).containsExactlyInAnyOrder("alpha", "beta");
            });
        }));
    }

    @Test
    void anInMemoryNetworkBeanIsTheNodesNetworkInsteadOfTheNamedOne() {
        try (InMemoryNetwork own = new InMemoryNetwork("own-network")) {
            application("alpha").withBean(InMemoryNetwork.class, () -> own).run(alpha -> {
                assertThat(alpha).hasNotFailed();
                assertThat(own.endpoints()).containsExactly(alpha.getBean(DSNodeServer.class).endpoint());
                assertThat(InMemoryNetworks.named(network).endpoints()).isEmpty();
            });
        }
    }

    @Test
    void aFixedPortThatAnotherNodeOfTheNetworkHoldsIsExplainedInInMemoryTerms() {
        application("alpha").run(alpha -> {
            int taken = alpha.getBean(DSNodeServer.class).endpoint().port();
            application("beta")
                    .withBean(DSNodeConfigCustomizer.class, () -> builder -> builder.port(taken))
                    .run(beta -> {
                        assertThat(beta).hasFailed();
                        InMemoryPortInUseException portInUse =
                                causeOfType(beta.getStartupFailure(), InMemoryPortInUseException.class);
                        assertThat(portInUse).isNotNull();
                        assertThat(portInUse.networkName()).isEqualTo(network);

                        FailureAnalysis analysis = new DSNPortInUseFailureAnalyzer().analyze(beta.getStartupFailure());
                        assertThat(analysis.getDescription())
                                .contains("port " + taken + " of in-memory network '" + network + "'")
                                .contains("another node of this JVM");
                        assertThat(analysis.getAction())
                                .contains("Leave the port to the network")
                                .contains("dsn.in-memory.network-name")
                                .doesNotContain("Stop the process");
                        assertThat(analysis.getCause()).isSameAs(portInUse);
                    });
        });
    }
}
