package io.dsn.spring.autoconfigure.observation;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.spring.observation.DSNExchangeObservationConvention;
import io.dsn.spring.observation.ObservationDSNMetrics;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes the node's exchanges ({@code dsn.exchange}) with the application's
 * {@link ObservationRegistry}: Spring Boot's actuator turns each into a timer, a tracer into a
 * span. Beside, not instead of, the counters of the metrics auto-configuration.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "io.dsn.spring.autoconfigure.metrics.DSNMetricsAutoConfiguration"},
        beforeName = "io.dsn.spring.autoconfigure.DSNAutoConfiguration")
@ConditionalOnClass({ObservationRegistry.class, DSNodeServer.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "dsn.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "dsn.observations.enabled", matchIfMissing = true)
public final class DSNObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObservationDSNMetrics dsnObservationMetrics(ObservationRegistry registry, ObjectProvider<DSNodeConfig> config,
                                                ObjectProvider<DSNExchangeObservationConvention> convention) {
        DSNodeConfig nodeConfig = config.getIfAvailable();
        return new ObservationDSNMetrics(registry, nodeConfig == null ? "" : nodeConfig.nodeId(),
                convention.getIfAvailable());
    }
}
