package io.dsn.spring.autoconfigure.endpoint;

import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.spring.endpoint.DSNEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code dsn} actuator endpoint when Actuator is present and the endpoint is exposed.
 * State values are hidden unless {@code management.endpoint.dsn.show-values} allows them.
 */
@AutoConfiguration(after = DSNAutoConfiguration.class)
@ConditionalOnClass({org.springframework.boot.actuate.endpoint.annotation.Endpoint.class, DSNodeServer.class})
@ConditionalOnBean(DSNodeServer.class)
@ConditionalOnAvailableEndpoint(DSNEndpoint.class)
@EnableConfigurationProperties(DSNEndpointProperties.class)
public final class DSNEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DSNEndpoint dsnEndpoint(DSNodeServer server, DSNEndpointProperties properties) {
        return new DSNEndpoint(server, properties.getShowValues(), properties.getRoles());
    }
}
