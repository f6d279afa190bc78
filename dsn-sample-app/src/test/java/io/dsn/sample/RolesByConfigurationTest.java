package io.dsn.sample;

import io.dsn.DSNode;
import io.dsn.sample.demo.DemoNetwork;
import io.dsn.sample.sensor.SensorPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A real deployment's monitor: no demo sensors and no readings of its own, by configuration alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "dsn.port=0",
        "dsn.node-id=watcher",
        "sample.demo.enabled=false",
        "sample.sensor.enabled=false"})
@DirtiesContext
class RolesByConfigurationTest {

    @TempDir
    static Path credentials;

    @DynamicPropertySource
    static void credentialDir(DynamicPropertyRegistry registry) {
        registry.add("dsn.credential-dir", () -> credentials.toString());
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    DSNode node;

    @Test
    void withoutDemoAndSensorTheNodeRunsAloneAndPublishesNothing() {
        assertThat(context.getBeanProvider(DemoNetwork.class).getIfAvailable()).isNull();
        assertThat(context.getBeanProvider(SensorPublisher.class).getIfAvailable()).isNull();
        assertThat(node.peers()).containsExactly("watcher");
        assertThat(node.state("watcher")).isEmpty();
    }
}
