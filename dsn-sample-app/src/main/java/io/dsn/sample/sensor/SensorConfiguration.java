package io.dsn.sample.sensor;

import io.dsn.DSNode;
import io.dsn.sample.SampleProperties;
import io.dsn.sample.node.LocalState;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * This node as a sensor: its readings come from the application's {@link TemperatureSource}
 * (simulated unless the application declares one) and are published as typed values through
 * {@link LocalState}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "sample.sensor.enabled", matchIfMissing = true)
class SensorConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TemperatureSource temperatureSource(DSNode node) {
        return new SimulatedTemperatureSource(node.nodeId());
    }

    /** Started and stopped by the sample's lifecycle, not by the container. */
    @Bean(destroyMethod = "stop")
    SensorPublisher localSensor(DSNode node, TemperatureSource source, SampleProperties properties, Clock clock,
                                LocalState localState) {
        return new SensorPublisher(node.nodeId(), source, properties.getSensor().getInterval(), Duration.ZERO, clock,
                reading -> localState.publish(Reading.KEY, reading));
    }
}
