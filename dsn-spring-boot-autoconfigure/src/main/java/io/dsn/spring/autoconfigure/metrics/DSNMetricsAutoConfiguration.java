package io.dsn.spring.autoconfigure.metrics;

import io.dsn.DSNMetrics;
import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.spring.metrics.DSNPeerGauges;
import io.dsn.spring.metrics.MicrometerDSNMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * Records the DSN node's metrics with Micrometer when a {@link MeterRegistry} is present, and
 * binds the {@code dsn.peers} gauge.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"},
        beforeName = "io.dsn.spring.autoconfigure.DSNAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, DSNodeServer.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "dsn.enabled", matchIfMissing = true)
public final class DSNMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(DSNMetrics.class)
    MicrometerDSNMetrics dsnMetrics(MeterRegistry registry) {
        return new MicrometerDSNMetrics(registry);
    }

    /** {@code dsn.peer.last.heard} and {@code dsn.peer.state.age}, per peer. */
    @Bean
    @ConditionalOnMissingBean
    DSNPeerGauges dsnPeerGauges(DSNode node) {
        return new DSNPeerGauges(node, Clock.systemUTC());
    }

    /** A user's bean of this name replaces it: any application has several {@link MeterBinder}s. */
    @Bean
    @ConditionalOnMissingBean(name = "dsnPeersGauge")
    MeterBinder dsnPeersGauge(ObjectProvider<DSNode> node) {
        return registry -> node.ifAvailable(dsn -> Gauge.builder("dsn.peers", dsn, n -> n.peers().size() - 1)
                .description("Peers this node knows (itself not counted)")
                .register(registry));
    }
}
