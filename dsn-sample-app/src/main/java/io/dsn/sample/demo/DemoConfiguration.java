package io.dsn.sample.demo;

import io.dsn.DSNodeServer;
import io.dsn.sample.SampleProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The demo network, unless {@code sample.demo.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sample.demo.enabled", matchIfMissing = true)
class DemoConfiguration {

    /** Started and stopped by the sample's lifecycle; closed with the context as a safety net. */
    @Bean(destroyMethod = "close")
    DemoNetwork demoNetwork(DSNodeServer server, SampleProperties properties, Clock clock, JsonMapper json) {
        SampleProperties.Demo demo = properties.getDemo();
        return new DemoNetwork(server, demo.getSensors(), demo.getInterval(), clock, json);
    }
}
