package io.dsn.benchmarks.simulation;

import io.dsn.runtime.VirtualTimeRuntime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The simulation's timeline as its nodes see it, with one difference while they are launched or
 * stopped: a node's start or stop does not wait for the network (which would run the timeline).
 * Launched so, every node starts at the same virtual instant and all joins overlap, as in a join
 * storm; {@code DSNodeServer} then says "still joining", and the join goes on when the timeline
 * runs. Stopped so, the nodes still running do not tick on, find the stopped ones gone and report
 * them to every peer while each of the others stops: that cost N² per stop and most of a run.
 */
public final class StartTogetherRuntime extends DelegatingRuntime {

    private final VirtualTimeRuntime timeline;
    private boolean withoutWaiting;

    public StartTogetherRuntime(VirtualTimeRuntime timeline) {
        super(timeline);
        this.timeline = timeline;
    }

    /** Runs {@code action}, in which every wait for the network ends at once, as if timed out. */
    public void withoutWaiting(Runnable action) {
        withoutWaiting = true;
        try {
            action.run();
        } finally {
            withoutWaiting = false;
        }
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout) throws ExecutionException, TimeoutException {
        if (withoutWaiting && !future.isDone()) {
            throw new TimeoutException("not waiting for the network");
        }
        return timeline.await(future, timeout);
    }
}
