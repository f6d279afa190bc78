package io.dsn.benchmarks.simulation;

import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.NodeSignatures;
import io.dsn.runtime.SimulatedBug;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/** A runtime that is another in everything a subclass does not override. */
public abstract class DelegatingRuntime implements NodeRuntime {

    private final NodeRuntime runtime;

    protected DelegatingRuntime(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public NodeSignatures signatures() {
        return runtime.signatures();
    }

    @Override
    public Set<SimulatedBug> simulatedBugs() {
        return runtime.simulatedBugs();
    }

    @Override
    public Clock clock() {
        return runtime.clock();
    }

    @Override
    public long nanoTime() {
        return runtime.nanoTime();
    }

    @Override
    public Random random() {
        return runtime.random();
    }

    @Override
    public SecureRandom secureRandom() {
        return runtime.secureRandom();
    }

    @Override
    public ScheduledExecutorService newScheduler(String name) {
        return runtime.newScheduler(name);
    }

    @Override
    public ExecutorService newSerialExecutor(String name) {
        return runtime.newSerialExecutor(name);
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return runtime.await(future, timeout);
    }
}
