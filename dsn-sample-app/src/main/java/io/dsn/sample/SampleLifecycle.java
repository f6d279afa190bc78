package io.dsn.sample;

import io.dsn.sample.demo.DemoNetwork;
import io.dsn.sample.sensor.SensorPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the sample's own moving parts once the application is ready, that is once this node's
 * DSN server and the web server run, and stops them as soon as the context starts closing, before
 * the DSN node and the web server stop. The demo nodes join through this node, so they must come
 * after it and leave before it.
 */
@Component
class SampleLifecycle {

    private final ObjectProvider<SensorPublisher> sensor;
    private final ObjectProvider<DemoNetwork> demo;

    SampleLifecycle(ObjectProvider<SensorPublisher> sensor, ObjectProvider<DemoNetwork> demo) {
        this.sensor = sensor;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        sensor.ifAvailable(SensorPublisher::start);
        demo.ifAvailable(DemoNetwork::start);
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        demo.ifAvailable(DemoNetwork::stop);
        sensor.ifAvailable(SensorPublisher::stop);
    }
}
