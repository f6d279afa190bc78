package io.dsn.spring.autoconfigure;

import io.dsn.DSNListener;
import io.dsn.DSNodeServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the DSN node once the application context is refreshed and stops it first on
 * shutdown, while the beans its listeners use are still there. Just before the node starts, its
 * events are routed to Spring's event publisher and application beans that implement
 * {@link DSNListener} are registered (so those beans may themselves depend on the node).
 *
 * <p>A node serves once: after the context's {@code stop()} it cannot be started again.
 */
class DSNodeLifecycle implements SmartLifecycle {

    private final DSNodeServer server;
    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<DSNListener> listeners;
    private volatile boolean running;

    DSNodeLifecycle(DSNodeServer server, ApplicationEventPublisher publisher, ObjectProvider<DSNListener> listeners) {
        this.server = server;
        this.publisher = publisher;
        this.listeners = listeners;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (server.isShutDown()) {
            throw new IllegalStateException("DSN node " + server.nodeId() + " was stopped and cannot serve again: "
                    + "a DSN node serves once, so close the application context and create a new one");
        }
        server.node().addListener(publisher::publishEvent);
        listeners.orderedStream().forEach(server.node()::addListener);
        if (!server.isServing()) {
            server.startServing();
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return running && server.isServing();
    }
}
