package io.dsn.spring.autoconfigure;

import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Runs a DSN node in a Spring Boot application: its configuration from {@code dsn.*}, its
 * lifecycle tied to the application context, and its events published as application events,
 * so that {@code @EventListener void on(PeerStateChanged event)} just works. A user-defined
 * {@link DSNodeConfig} or {@link DSNodeServer} bean replaces the auto-configured one; the
 * lifecycle starts a user's server too and routes its events to Spring.
 */
@AutoConfiguration
@ConditionalOnClass(DSNodeServer.class)
@ConditionalOnBooleanProperty(name = "dsn.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DSNProperties.class)
public class DSNAutoConfiguration {

    @Bean
    @ConfigurationPropertiesBinding
    static BootstrapNodeConverter dsnBootstrapNodeConverter() {
        return new BootstrapNodeConverter();
    }

    @Bean
    @ConditionalOnMissingBean({DSNodeConfig.class, DSNodeServer.class})
    DSNodeConfig dsnNodeConfig(DSNProperties properties, Environment environment,
                               ObjectProvider<DSNodeConfigCustomizer> customizers) {
        return DSNodeConfigFactory.create(properties, environment, customizers.orderedStream().toList());
    }

    @Bean(destroyMethod = "stop")
    @ConditionalOnMissingBean
    DSNodeServer dsnNodeServer(DSNodeConfig config, ObjectProvider<DSNMetrics> metrics) {
        return DSNodeServer.create(config, metrics.getIfAvailable(() -> DSNMetrics.NONE), List.of());
    }

    @Bean
    @ConditionalOnMissingBean
    DSNode dsnNode(DSNodeServer server) {
        return server.node();
    }

    @Bean
    DSNodeLifecycle dsnNodeLifecycle(DSNodeServer server, ApplicationEventPublisher publisher,
                                     ObjectProvider<DSNListener> listeners) {
        return new DSNodeLifecycle(server, publisher, listeners);
    }
}
