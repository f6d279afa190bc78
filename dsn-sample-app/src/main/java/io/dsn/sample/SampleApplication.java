package io.dsn.sample;

import io.dsn.sample.sensor.Reading;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The DSN sample: a node that publishes temperature readings (a sensor) and serves a live page of
 * every node of the network (a monitor), with a small demo network of simulated sensors started
 * in the same process.
 *
 * <p>{@link Reading} is a typed value (written and read through {@code DSNValues}, that is through
 * Jackson): an application hints its own value types for a native image, as here.
 */
@SpringBootApplication
@RegisterReflectionForBinding(Reading.class)
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    /** Where readings and the page's ages take their time from. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
