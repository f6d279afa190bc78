package io.dsn.internal.node.membership;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers events to the application's listeners on a thread of its own, in order, so that a
 * slow or failing listener never holds up the protocol.
 */
public final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<DSNListener> listeners = new CopyOnWriteArrayList<>();
    private final Supplier<ExecutorService> executors;
    private volatile ExecutorService executor;

    /**
     * @param executors gives an executor that runs one task at a time, in order: one now, and one
     *     each time the dispatcher is opened again after {@link #close()}
     */
    public EventDispatcher(Supplier<ExecutorService> executors) {
        this.executors = executors;
        this.executor = executors.get();
    }

    /** Delivers events again after {@link #close()} (the node starts again). */
    public synchronized void open() {
        if (executor.isShutdown()) {
            executor = executors.get();
        }
    }

    public void add(DSNListener listener) {
        listeners.add(listener);
    }

    public void remove(DSNListener listener) {
        listeners.remove(listener);
    }

    public void publish(DSNEvent event) {
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            log.debug("Node stopped; event not delivered: {}", event);
        }
    }

    private void deliver(DSNEvent event) {
        for (DSNListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                log.warn("DSN listener {} failed on {}", listener, event, e);
            }
        }
    }

    /** Lets queued events reach the listeners for a moment, then ends the thread. */
    public synchronized void close() {
        ExecutorService executor = this.executor;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
