package io.dsn.benchmarks.network;

import io.dsn.DSNodeServer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Updates one node's state at a fixed rate on a thread of its own until stopped: each write
 * carries its sequence number ({@code seq}, from 0) and its own {@link System#nanoTime()}
 * ({@code t}), so a reader can tell how long it took to arrive. A write that is late is made at
 * once.
 */
final class RateWriter implements AutoCloseable {

    static final String THREAD_NAME = "bench-rate-writer";

    private final DSNodeServer node;
    private final long period;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastSeq = -1;

    RateWriter(DSNodeServer node, double perSecond) {
        this.node = node;
        this.period = Math.max(1, Math.round(1e9 / perSecond));
        this.thread = new Thread(this::write, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    RateWriter start() {
        thread.start();
        return this;
    }

    private void write() {
        long start = System.nanoTime();
        for (long seq = 0; running; seq++) {
            long due = start + seq * period;
            long now = System.nanoTime();
            while (running && due > now) {
                LockSupport.parkNanos(due - now);
                now = System.nanoTime();
            }
            if (!running) {
                return;
            }
            Map<String, String> state = new LinkedHashMap<>();
            state.put("seq", Long.toString(seq));
            state.put("t", Long.toString(System.nanoTime()));
            node.updateData(state);
            lastSeq = seq;
        }
    }

    /** The sequence number of the last write made, -1 before the first. */
    long lastSeq() {
        return lastSeq;
    }

    /** Stops writing; returns once the thread has ended (or after a second). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
