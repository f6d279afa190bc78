package io.dsn.benchmarks.simulation.explore;

import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.benchmarks.network.VanishingTransport;
import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * One simulated machine: its address, and its node's process as of its latest start (each
 * start is a new {@link DSNodeServer} on the same credential files, a new {@link #incarnation}).
 */
final class SimHost {

    enum Status {
        /** Joins later in the run. */
        NOT_STARTED,
        UP,
        /** Its process died: no LEAVE, nothing written at the end. */
        CRASHED,
        /** Stopped cleanly: LEAVE sent, files written. */
        STOPPED
    }

    final int index;
    final String id;
    final Endpoint endpoint;
    Status status = Status.NOT_STARTED;
    int incarnation;
    @Nullable DSNodeServer server;
    @Nullable HostRuntime runtime;
    @Nullable VanishingTransport transport;
    Duration clockOffset = Duration.ZERO;

    SimHost(int index, String id, Endpoint endpoint) {
        this.index = index;
        this.id = id;
        this.endpoint = endpoint;
    }

    boolean up() {
        return status == Status.UP;
    }

    /** Up and running: its timers fire (not paused). */
    boolean running() {
        return status == Status.UP && runtime != null && !runtime.paused();
    }

    DSNodeServer server() {
        if (server == null) {
            throw new IllegalStateException(id + " has not started");
        }
        return server;
    }
}
