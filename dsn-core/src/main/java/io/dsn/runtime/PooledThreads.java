package io.dsn.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Thread pools over a thread factory per task name. */
final class PooledThreads implements NodeThreads {

    static final PooledThreads PLATFORM = new PooledThreads(NamedThreads::daemon);

    private final Function<String, ThreadFactory> factories;

    PooledThreads(Function<String, ThreadFactory> factories) {
        this.factories = factories;
    }

    @Override
    public ExecutorService newExecutor(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factories.apply(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public ScheduledExecutorService newScheduler(String name) {
        return scheduler(factories.apply(name));
    }

    static ScheduledExecutorService scheduler(ThreadFactory factory) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, factory);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    @Override
    public String toString() {
        return this == PLATFORM ? "NodeThreads[platform]" : "NodeThreads[pooled]";
    }
}
