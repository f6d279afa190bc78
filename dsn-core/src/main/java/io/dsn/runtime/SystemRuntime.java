package io.dsn.runtime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The real clock, and threads from a {@link NodeThreads} (daemon threads named after their task by
 * default). Its nodes always sign with ECDSA: nothing can give a real runtime the stand-in.
 */
final class SystemRuntime implements NodeRuntime {

    static final SystemRuntime INSTANCE = new SystemRuntime(NodeThreads.platform());

    private final Random random = new Random();
    private final SecureRandom secureRandom = new SecureRandom();
    private final NodeThreads threads;

    SystemRuntime(NodeThreads threads) {
        this.threads = threads;
    }

    @Override
    public NodeSignatures signatures() {
        return NodeSignatures.ECDSA;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Random random() {
        return random;
    }

    @Override
    public SecureRandom secureRandom() {
        return secureRandom;
    }

    @Override
    public ScheduledExecutorService newScheduler(String name) {
        return threads.newScheduler(name);
    }

    @Override
    public ExecutorService newSerialExecutor(String name) {
        return threads.newExecutor(name, 1);
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return this == INSTANCE ? "NodeRuntime[system]" : "NodeRuntime[system, " + threads + "]";
    }
}
