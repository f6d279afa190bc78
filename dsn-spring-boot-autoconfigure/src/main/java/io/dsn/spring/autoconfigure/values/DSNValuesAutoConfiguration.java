package io.dsn.spring.autoconfigure.values;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.spring.values.DSNValues;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed values ({@link DSNValues}) over the node's state when Jackson is on the class path, with
 * the application's {@link JsonMapper} (Spring Boot's, with its {@code spring.jackson.*} settings)
 * or a default one.
 */
@AutoConfiguration(afterName = {"io.dsn.spring.autoconfigure.DSNAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnClass({JsonMapper.class, DSNodeServer.class})
@ConditionalOnBean(DSNode.class)
@ConditionalOnBooleanProperty(name = "dsn.enabled", matchIfMissing = true)
public final class DSNValuesAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DSNValues dsnValues(DSNode node, ObjectProvider<JsonMapper> mapper, ApplicationEventPublisher publisher) {
        return new DSNValues(node, mapper.getIfAvailable(() -> JsonMapper.builder().findAndAddModules().build()), publisher);
    }
}
