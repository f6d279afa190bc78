package io.dsn.spring.autoconfigure;

import io.dsn.DSNListener;
import io.dsn.DSNodeServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the DSN node when the application context starts and stops it when the context stops,
 * any number of times: the test context cache pauses (stops) a context that another
 * configuration replaces and starts it again when it is reused, and a CRaC checkpoint stops
 * and restarts the context's lifecycle too. The node keeps its identity, state and port across.
 * The first time, just before the node starts, its events are routed to Spring's event
 * publisher and application beans that implement {@link DSNListener} are registered (so those
 * beans may themselves depend on the node).
 */
class DSNodeLifecycle implements SmartLifecycle {

    /**
     * Below the web server's phases (its graceful shutdown stops at {@code DEFAULT_PHASE - 1024},
     * the server itself at {@code DEFAULT_PHASE - 2048}): the node starts before the web server
     * takes requests and stops after it has drained them, so that a request still running at
     * shutdown can write to the node, and that write reaches the peers.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    private final DSNodeServer server;
    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<DSNListener> listeners;
    private boolean listenersAdded;
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
        if (!listenersAdded) {
            server.node().addListener(publisher::publishEvent);
            listeners.orderedStream().forEach(server.node()::addListener);
            listenersAdded = true;
        }
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

    @Override
    public int getPhase() {
        return PHASE;
    }
}
