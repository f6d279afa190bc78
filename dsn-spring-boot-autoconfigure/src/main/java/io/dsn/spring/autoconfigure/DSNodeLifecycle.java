package io.dsn.spring.autoconfigure;

import io.dsn.DSNListener;
import io.dsn.DSNodeServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the DSN node once the application context is refreshed and stops it first on
 * shutdown, while the beans its listeners use are still there. Application beans that
 * implement {@link DSNListener} are registered just before the node starts, so they may
 * themselves depend on the node.
 */
class DSNodeLifecycle implements SmartLifecycle {

    private final DSNodeServer server;
    private final ObjectProvider<DSNListener> listeners;

    DSNodeLifecycle(DSNodeServer server, ObjectProvider<DSNListener> listeners) {
        this.server = server;
        this.listeners = listeners;
    }

    @Override
    public void start() {
        listeners.orderedStream().forEach(server.node()::addListener);
        server.startServing();
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return server.isServing();
    }
}
