package io.dsn.spring.autoconfigure;

import io.dsn.DSNListener;
import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.runtime.NodeThreads;
import io.dsn.spring.autoconfigure.endpoint.DSNEndpointAutoConfiguration;
import io.dsn.spring.autoconfigure.metrics.DSNMetricsAutoConfiguration;
import io.dsn.spring.autoconfigure.observation.DSNObservationAutoConfiguration;
import io.dsn.spring.autoconfigure.values.DSNValuesAutoConfiguration;
import io.dsn.spring.discovery.DiscoveryClientBootstrapSource;
import io.dsn.spring.discovery.DnsBootstrapSource;
import io.dsn.spring.endpoint.DSNEndpoint;
import io.dsn.spring.metrics.DSNPeerGauges;
import io.dsn.spring.observation.ObservationDSNMetrics;
import io.dsn.spring.values.DSNValues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Every bean of the auto-configurations backs off for one of the same kind that the application
 * defines itself (the node's configuration, its server, its metrics and the health indicator are
 * tested beside their auto-configuration's other tests).
 */
class DSNBeansBackOffTests {

    @TempDir
    Path credentials;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=own", "dsn.port=0", "dsn.credential-dir=" + credentials);
    }

    private ApplicationContextRunner metrics() {
        return runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                DSNMetricsAutoConfiguration.class));
    }

    @Test
    void anOwnLifecycleReplacesTheNodesLifecycle() {
        runner().withUserConfiguration(OwnLifecycle.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(DSNodeLifecycle.class)).containsOnlyKeys("ownLifecycle");
            assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
        });
    }

    @Test
    void ownTemporaryCredentialsHoldTheInMemoryNodesCredentials() throws Exception {
        TemporaryCredentials own = new TemporaryCredentials();
        try {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                    .withPropertyValues("dsn.node-id=own", "dsn.transport=in-memory",
                            "dsn.in-memory.network-name=back-off-" + UUID.randomUUID())
                    .withBean(TemporaryCredentials.class, () -> own)
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(TemporaryCredentials.class);
                        assertThat(context.getBean(DSNodeServer.class).config().credentialDir())
                                .isEqualTo(own.directory());
                    });
        } finally {
            own.destroy();
        }
    }

    @Test
    void ownPeerGaugesReplaceThePeerGauges() {
        assertOnlyOwnBean(metrics().withUserConfiguration(OwnPeerGauges.class), DSNPeerGauges.class,
                "ownPeerGauges");
    }

    @Test
    void anOwnPeersGaugeOfTheSameNameReplacesThePeersGauge() {
        MeterBinder own = registry -> Gauge.builder("own.peers", () -> 7).register(registry);
        metrics().withBean("dsnPeersGauge", MeterBinder.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("dsn.peers").gauge()).isNull();
            assertThat(registry.get("own.peers").gauge().value()).isEqualTo(7.0);
        });
    }

    @Test
    void ownThreadsRunTheNode() {
        assertOwnInstanceWins(runner(), NodeThreads.class, NodeThreads.platform());
    }

    @Test
    void anOwnNodeBeanReplacesTheServersNode() {
        assertOnlyOwnBean(runner().withUserConfiguration(OwnNode.class), DSNode.class, "ownNode");
    }

    @Test
    void anOwnDnsBootstrapSourceReplacesTheOneOfTheDnsName() {
        assertOwnInstanceWins(runner().withPropertyValues("dsn.discovery.dns.name=dsn.example.invalid",
                "dsn.aes-key=" + DSNodeServer.generateKey()), DnsBootstrapSource.class, mock(DnsBootstrapSource.class));
    }

    @Test
    void anOwnDiscoveryClientBootstrapSourceReplacesTheOneOfTheServiceId() {
        assertOwnInstanceWins(runner().withConfiguration(AutoConfigurations.of(DSNDiscoveryClientAutoConfiguration.class))
                        .withPropertyValues("dsn.discovery.client.service-id=dsn", "dsn.aes-key=" + DSNodeServer.generateKey())
                        .withBean(DiscoveryClient.class, () -> mock(DiscoveryClient.class)),
                DiscoveryClientBootstrapSource.class, mock(DiscoveryClientBootstrapSource.class));
    }

    @Test
    void anOwnEndpointReplacesTheDsnEndpoint() {
        assertOnlyOwnBean(runner().withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
                        DSNEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=dsn")
                .withUserConfiguration(OwnEndpoint.class), DSNEndpoint.class, "ownEndpoint");
    }

    @Test
    void ownValuesReplaceTheTypedValues() {
        assertOnlyOwnBean(runner().withConfiguration(AutoConfigurations.of(DSNValuesAutoConfiguration.class))
                .withUserConfiguration(OwnValues.class), DSNValues.class, "ownValues");
    }

    @Test
    void ownObservationMetricsReplaceTheExchangeObservations() {
        assertOwnInstanceWins(runner().withConfiguration(AutoConfigurations.of(DSNObservationAutoConfiguration.class))
                        .withBean(ObservationRegistry.class, ObservationRegistry::create),
                ObservationDSNMetrics.class, new ObservationDSNMetrics(ObservationRegistry.create(), "own", null));
    }

    /** The application's bean of the type is the context's only one of it. */
    private static <T> void assertOwnInstanceWins(ApplicationContextRunner runner, Class<T> type, T own) {
        runner.withBean(type, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(type)).isSameAs(own);
        });
    }

    /** The bean of the type that the application's configuration names is the context's only one of it. */
    private static void assertOnlyOwnBean(ApplicationContextRunner runner, Class<?> type, String name) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(type)).containsOnlyKeys(name);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLifecycle {

        @Bean
        DSNodeLifecycle ownLifecycle(DSNodeServer server, ApplicationEventPublisher publisher,
                                     ObjectProvider<DSNListener> listeners) {
            return new DSNodeLifecycle(server, publisher, listeners);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNode {

        @Bean
        DSNode ownNode(DSNodeServer server) {
            return server.node();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEndpoint {

        @Bean
        DSNEndpoint ownEndpoint(DSNodeServer server) {
            return new DSNEndpoint(server);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnValues {

        @Bean
        DSNValues ownValues(DSNode node) {
            return new DSNValues(node, JsonMapper.builder().build(), null);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPeerGauges {

        @Bean
        DSNPeerGauges ownPeerGauges(DSNode node) {
            return new DSNPeerGauges(node, Clock.systemUTC());
        }
    }
}
