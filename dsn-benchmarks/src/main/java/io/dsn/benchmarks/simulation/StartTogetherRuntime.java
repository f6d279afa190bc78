package io.dsn.benchmarks.simulation;

import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.VirtualTimeRuntime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * The simulation's timeline as its nodes see it, with one difference while they are launched: a
 * node's start does not wait for its first join (which would run the timeline and start the next
 * node later), so every node starts at the same virtual instant and all joins overlap, as in a
 * join storm. {@code DSNodeServer} then says "still joining"; the join goes on when the timeline runs.
 */
final class StartTogetherRuntime implements NodeRuntime {

    private final VirtualTimeRuntime timeline;
    private boolean launching;

    StartTogetherRuntime(VirtualTimeRuntime timeline) {
        this.timeline = timeline;
    }

    /** Starts made until {@link #launched()} return without waiting for their first join. */
    void launching() {
        launching = true;
    }

    void launched() {
        launching = false;
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout) throws ExecutionException, TimeoutException {
        if (launching && !future.isDone()) {
            throw new TimeoutException("launched without waiting");
        }
        return timeline.await(future, timeout);
    }

    @Override
    public Clock clock() {
        return timeline.clock();
    }

    @Override
    public long nanoTime() {
        return timeline.nanoTime();
    }

    @Override
    public Random random() {
        return timeline.random();
    }

    @Override
    public SecureRandom secureRandom() {
        return timeline.secureRandom();
    }

    @Override
    public ScheduledExecutorService newScheduler(String name) {
        return timeline.newScheduler(name);
    }

    @Override
    public ExecutorService newSerialExecutor(String name) {
        return timeline.newSerialExecutor(name);
    }
}
