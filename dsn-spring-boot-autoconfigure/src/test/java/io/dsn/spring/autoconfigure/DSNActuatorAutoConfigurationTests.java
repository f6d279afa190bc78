package io.dsn.spring.autoconfigure;

import io.dsn.DSNMetrics;
import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.endpoint.DSNEndpointAutoConfiguration;
import io.dsn.spring.autoconfigure.health.DSNHealthContributorAutoConfiguration;
import io.dsn.spring.autoconfigure.metrics.DSNMetricsAutoConfiguration;
import io.dsn.spring.endpoint.DSNEndpoint;
import io.dsn.spring.health.DSNHealthIndicator;
import io.dsn.spring.metrics.MicrometerDSNMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.actuate.endpoint.SecurityContext;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dsn.spring.autoconfigure.TestSupport.deadPort;
import static org.assertj.core.api.Assertions.assertThat;

/** Health contributor, actuator endpoint and Micrometer metrics of the DSN node. */
class DSNActuatorAutoConfigurationTests {

    @TempDir
    Path credentials;

    private ApplicationContextRunner runner(Class<?>... autoConfigurations) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withConfiguration(AutoConfigurations.of(autoConfigurations))
                .withPropertyValues("dsn.node-id=watched", "dsn.port=0", "dsn.credential-dir=" + credentials);
    }

    private ApplicationContextRunner health() {
        return runner(HealthContributorAutoConfiguration.class, DSNHealthContributorAutoConfiguration.class);
    }

    private ApplicationContextRunner endpoint() {
        return runner(EndpointAutoConfiguration.class, DSNEndpointAutoConfiguration.class);
    }

    private ApplicationContextRunner metrics() {
        return runner(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, DSNMetricsAutoConfiguration.class);
    }

    private ApplicationContextRunner everything() {
        return runner(HealthContributorAutoConfiguration.class, DSNHealthContributorAutoConfiguration.class,
                EndpointAutoConfiguration.class, DSNEndpointAutoConfiguration.class,
                MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, DSNMetricsAutoConfiguration.class)
                .withPropertyValues("management.endpoints.web.exposure.include=dsn");
    }

    // --- health ---

    @Test
    void healthIndicatorIsAddedAsDsn() {
        health().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DSNHealthIndicator.class).hasBean("dsnHealthIndicator");
        });
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        health().withPropertyValues("management.health.dsn.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DSNHealthIndicator.class);
            assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
        });
    }

    @Test
    void healthIndicatorIsOffWhenAllHealthIndicatorsDefaultToOff() {
        health().withPropertyValues("management.health.defaults.enabled=false").run(context ->
                assertThat(context).doesNotHaveBean(DSNHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffForAUserBeanOfTheSameName() {
        HealthIndicator own = () -> Health.outOfService().build();
        health().withBean("dsnHealthIndicator", HealthIndicator.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DSNHealthIndicator.class);
            assertThat(context.getBean("dsnHealthIndicator")).isSameAs(own);
        });
    }

    @Test
    void healthIsUpWithDetailsForALoneServingNode() {
        health().run(context -> {
            DSNodeServer server = context.getBean(DSNodeServer.class);
            Health health = context.getBean(DSNHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("nodeId", "watched")
                    .containsEntry("port", server.endpoint().port())
                    .containsEntry("peers", 0)
                    .containsEntry("connected", false)
                    .doesNotContainKey("reason");
        });
    }

    @Test
    void healthIsUpButNotConnectedWhenNoBootstrapNodeIsReachableYet() {
        int dead = deadPort();
        health().withPropertyValues("dsn.aes-key=" + DSNodeServer.generateKey(), "dsn.bootstrap-nodes=127.0.0.1:" + dead,
                        "dsn.request-timeout=100ms", "dsn.attempts=1")
                .run(context -> {
                    assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
                    Health health = context.getBean(DSNHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("peers", 0).containsEntry("connected", false);
                    assertThat((String) health.getDetails().get("reason"))
                            .contains("no peer reachable").contains("127.0.0.1:" + dead);
                });
    }

    /** The property Spring Boot keeps health settings under, and the deprecated one it replaces. */
    @ParameterizedTest
    @ValueSource(strings = {"management.health.dsn.require-peer", "dsn.health.require-peer"})
    void healthIsDownWithoutAPeerWhenAPeerIsRequired(String requirePeer) {
        int dead = deadPort();
        health().withPropertyValues("dsn.aes-key=" + DSNodeServer.generateKey(), "dsn.bootstrap-nodes=127.0.0.1:" + dead,
                        "dsn.request-timeout=100ms", "dsn.attempts=1", requirePeer + "=true")
                .run(context -> {
                    Health health = context.getBean(DSNHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat((String) health.getDetails().get("reason")).contains("no peer reachable");
                });
    }

    @Test
    void theManagementHealthPropertyWinsOverTheDeprecatedOne() {
        int dead = deadPort();
        health().withPropertyValues("dsn.aes-key=" + DSNodeServer.generateKey(), "dsn.bootstrap-nodes=127.0.0.1:" + dead,
                        "dsn.request-timeout=100ms", "dsn.attempts=1", "dsn.health.require-peer=true",
                        "management.health.dsn.require-peer=false")
                .run(context -> assertThat(context.getBean(DSNHealthIndicator.class).health(true).getStatus())
                        .isEqualTo(Status.UP));
    }

    @Test
    void healthIsDownOnceTheNodeIsStopped() {
        health().run(context -> {
            DSNodeServer server = context.getBean(DSNodeServer.class);
            server.stop();
            Health health = context.getBean(DSNHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("nodeId", "watched")
                    .containsEntry("reason", "the DSN server is not running");
        });
    }

    @Test
    void healthIsDownWhenTheContextIsStopped() {
        health().run(context -> {
            context.stop();
            assertThat(context.getBean(DSNHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
        });
    }

    // --- endpoint ---

    @Test
    void endpointIsNotAvailableUnlessExposed() {
        endpoint().run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DSNEndpoint.class);
            assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
        });
    }

    @Test
    void endpointIsAvailableWhenExposedOnTheWeb() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=dsn").run(context ->
                assertThat(context).hasNotFailed().hasSingleBean(DSNEndpoint.class));
    }

    @Test
    void endpointIsAvailableWhenEverythingIsExposedOnTheWeb() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=*").run(context ->
                assertThat(context).hasSingleBean(DSNEndpoint.class));
    }

    @Test
    void endpointIsAvailableWhenExposedOverJmx() {
        endpoint().withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=dsn")
                .run(context -> assertThat(context).hasSingleBean(DSNEndpoint.class));
    }

    @Test
    void endpointIsNotAvailableWithAccessNone() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=dsn", "management.endpoint.dsn.access=NONE")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DSNEndpoint.class));
    }

    @Test
    void endpointIsNotAvailableWhenExcluded() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=*",
                        "management.endpoints.web.exposure.exclude=dsn")
                .run(context -> assertThat(context).doesNotHaveBean(DSNEndpoint.class));
    }

    @Test
    void endpointDescribesTheLoneNode() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=dsn").run(context -> {
            DSNode node = context.getBean(DSNode.class);
            node.updateData("role", "lonely");
            DSNEndpoint endpoint = context.getBean(DSNEndpoint.class);

            DSNEndpoint.NetworkDescriptor network = endpoint.network(SecurityContext.NONE);
            assertThat(network.serving()).isTrue();
            assertThat(network.peers()).isEmpty();
            assertThat(network.node().nodeId()).isEqualTo("watched");
            assertThat(network.node().address()).isEqualTo("127.0.0.1");
            assertThat(network.node().port()).isEqualTo(node.endpoint().port());
            assertThat(network.node().state()).as("values hidden by default")
                    .containsExactlyEntriesOf(java.util.Map.of("role", "******"));
            assertThat(network.node().lastUpdate()).isNotNull();
            assertThat(network.node().lastHeardFrom()).isNull();

            assertThat(endpoint.node(SecurityContext.NONE, "watched")).isEqualTo(network.node());
            assertThat(endpoint.node(SecurityContext.NONE, "unknown")).isNull();
        });
    }

    @Test
    void endpointShowsValuesWhenShowValuesAllowsThem() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=dsn",
                "management.endpoint.dsn.show-values=always").run(context -> {
                    context.getBean(DSNode.class).updateData("role", "lonely");
                    DSNEndpoint endpoint = context.getBean(DSNEndpoint.class);
                    assertThat(endpoint.network(SecurityContext.NONE).node().state()).containsEntry("role", "lonely");
                    assertThat(endpoint.node(SecurityContext.NONE, "watched").state()).containsEntry("role", "lonely");
                });
    }

    @Test
    void endpointShowsValuesWhenAuthorizedOnlyToUsersInTheRoles() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=dsn",
                "management.endpoint.dsn.show-values=when-authorized", "management.endpoint.dsn.roles=ops").run(context -> {
                    context.getBean(DSNode.class).updateData("role", "lonely");
                    DSNEndpoint endpoint = context.getBean(DSNEndpoint.class);
                    assertThat(endpoint.network(user("ops")).node().state()).containsEntry("role", "lonely");
                    assertThat(endpoint.network(user("guest")).node().state()).containsEntry("role", "******");
                    assertThat(endpoint.network(SecurityContext.NONE).node().state()).containsEntry("role", "******");
                });
    }

    private static SecurityContext user(String role) {
        return new SecurityContext() {
            @Override
            public java.security.Principal getPrincipal() {
                return () -> "someone";
            }

            @Override
            public boolean isUserInRole(String name) {
                return role.equals(name);
            }
        };
    }

    @Test
    void endpointShowsAStoppedNodeAsNotServing() {
        endpoint().withPropertyValues("management.endpoints.web.exposure.include=dsn").run(context -> {
            context.getBean(DSNodeServer.class).stop();
            assertThat(context.getBean(DSNEndpoint.class).network(SecurityContext.NONE).serving()).isFalse();
        });
    }

    // --- metrics ---

    @Test
    void micrometerMetricsRecordTheNodeAndThePeersGauge() {
        metrics().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MicrometerDSNMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("dsn.peers").gauge().value()).isZero();

            context.getBean(DSNode.class).updateData("k", "v");
            assertThat(registry.get("dsn.state.updates").tag("origin", "local").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("dsn.state.updates").tag("origin", "remote").counter().count()).isZero();
        });
    }

    @Test
    void userMeterRegistryIsUsedForTheNodesMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner(DSNMetricsAutoConfiguration.class).withBean(MeterRegistry.class, () -> registry).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MicrometerDSNMetrics.class);
            context.getBean(DSNode.class).updateData("k", "v");
            assertThat(registry.get("dsn.state.updates").tag("origin", "local").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void userMetricsBeanWinsOverMicrometer() {
        AtomicInteger localUpdates = new AtomicInteger();
        DSNMetrics counting = new DSNMetrics() {
            @Override
            public void stateApplied(boolean local) {
                if (local) {
                    localUpdates.incrementAndGet();
                }
            }
        };
        metrics().withBean(DSNMetrics.class, () -> counting).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerDSNMetrics.class);
            context.getBean(DSNode.class).updateData("k", "v");
            assertThat(localUpdates).hasValue(1);
            assertThat(context.getBean(MeterRegistry.class).find("dsn.peers").gauge()).isNotNull();
        });
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        runner(DSNMetricsAutoConfiguration.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DSNMetrics.class);
            assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
        });
    }

    @Test
    void noMetricsWhenTheNodeIsDisabled() {
        metrics().withPropertyValues("dsn.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DSNMetrics.class).doesNotHaveBean(DSNodeServer.class);
            assertThat(context.getBean(MeterRegistry.class).find("dsn.peers").gauge()).isNull();
        });
    }

    // --- without the optional libraries ---

    @Test
    void withoutActuatorTheNodeRunsWithoutHealthOrEndpoint() {
        // As in an application: the auto-configurations are imported, and those whose classes are missing are
        // filtered out by their recorded @ConditionalOnClass before any of their conditions is loaded.
        new ApplicationContextRunner()
                .withUserConfiguration(ImportedDSNAutoConfigurations.class)
                .withPropertyValues("dsn.node-id=watched", "dsn.port=0", "dsn.credential-dir=" + credentials,
                        "management.endpoints.web.exposure.include=dsn")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate"))
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean(DSNHealthIndicator.class)
                            .doesNotHaveBean(DSNEndpoint.class)
                            .hasSingleBean(MicrometerDSNMetrics.class);
                    assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
                });
    }

    @Test
    void importedAutoConfigurationsProvideEverythingWhenActuatorIsPresent() {
        new ApplicationContextRunner()
                .withUserConfiguration(ImportedDSNAutoConfigurations.class)
                .withPropertyValues("dsn.node-id=watched", "dsn.port=0", "dsn.credential-dir=" + credentials,
                        "management.endpoints.web.exposure.include=dsn")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(DSNHealthIndicator.class)
                        .hasSingleBean(DSNEndpoint.class)
                        .hasSingleBean(MicrometerDSNMetrics.class));
    }

    @Test
    void withoutMicrometerTheNodeRunsWithoutMetrics() {
        everything().withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> {
                    assertThat(context).hasNotFailed()
                            .doesNotHaveBean(DSNMetrics.class)
                            .hasSingleBean(DSNHealthIndicator.class)
                            .hasSingleBean(DSNEndpoint.class);
                    assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
                });
    }

    @Test
    void everythingTogether() {
        everything().run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(DSNHealthIndicator.class)
                    .hasSingleBean(DSNEndpoint.class)
                    .hasSingleBean(MicrometerDSNMetrics.class);
        });
    }

    @Test
    void disabledNodeHasNoHealthEndpointOrMetrics() {
        everything().withPropertyValues("dsn.enabled=false").run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(DSNHealthIndicator.class)
                    .doesNotHaveBean(DSNEndpoint.class)
                    .doesNotHaveBean(DSNMetrics.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DSNAutoConfiguration.class, DSNHealthContributorAutoConfiguration.class,
            DSNEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            DSNMetricsAutoConfiguration.class})
    static class ImportedDSNAutoConfigurations {
    }
}
