package io.dsn.spring.autoconfigure.health;

import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.spring.autoconfigure.DSNProperties;
import org.springframework.beans.factory.ObjectProvider;
import io.dsn.spring.health.DSNHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code dsn} health contributor when Spring Boot's health support is present. Switch
 * it off with {@code management.health.dsn.enabled=false}; {@code management.health.dsn.require-peer=true}
 * makes it DOWN while a node with bootstrap nodes has no peer (the deprecated
 * {@code dsn.health.require-peer} still works where the new property is not set).
 */
@AutoConfiguration(after = DSNAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, DSNodeServer.class})
@ConditionalOnBean(DSNodeServer.class)
@ConditionalOnEnabledHealthIndicator("dsn")
@EnableConfigurationProperties(DSNHealthProperties.class)
public final class DSNHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dsnHealthIndicator")
    @SuppressWarnings("deprecation")
    DSNHealthIndicator dsnHealthIndicator(DSNodeServer server, DSNHealthProperties health,
                                          ObjectProvider<DSNProperties> properties) {
        Boolean configured = health.getRequirePeer();
        boolean requirePeer = configured != null ? configured
                : properties.getIfAvailable(DSNProperties::new).getHealth().isRequirePeer();
        return new DSNHealthIndicator(server, requirePeer);
    }
}
