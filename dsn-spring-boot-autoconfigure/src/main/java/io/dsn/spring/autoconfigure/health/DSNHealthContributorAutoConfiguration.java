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
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code dsn} health contributor when Spring Boot's health support is present. Switch
 * it off with {@code management.health.dsn.enabled=false}; {@code dsn.health.require-peer=true}
 * makes it DOWN while a node with bootstrap nodes has no peer.
 */
@AutoConfiguration(after = DSNAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, DSNodeServer.class})
@ConditionalOnBean(DSNodeServer.class)
@ConditionalOnEnabledHealthIndicator("dsn")
public final class DSNHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dsnHealthIndicator")
    DSNHealthIndicator dsnHealthIndicator(DSNodeServer server, ObjectProvider<DSNProperties> properties) {
        boolean requirePeer = properties.getIfAvailable(DSNProperties::new).getHealth().isRequirePeer();
        return new DSNHealthIndicator(server, requirePeer);
    }
}
