package io.dsn.runtime;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The real clock and daemon threads named after their task. */
final class SystemRuntime implements NodeRuntime {

    static final SystemRuntime INSTANCE = new SystemRuntime();

    private final Random random = new Random();
    private final SecureRandom secureRandom = new SecureRandom();

    private SystemRuntime() {
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
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, NamedThreads.daemon(name));
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    @Override
    public ExecutorService newSerialExecutor(String name) {
        return Executors.newSingleThreadExecutor(NamedThreads.daemon(name));
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "NodeRuntime[system]";
    }
}
