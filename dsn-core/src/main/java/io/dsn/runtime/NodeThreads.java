package io.dsn.runtime;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Where a node's own threads come from: the tick's scheduler, the event delivery, and the HTTP
 * transport's pools that serve requests and take answers. (The network I/O runs on Netty event
 * loops shared by every transport of the JVM, whatever is chosen here.)
 * <ul>
 *   <li>{@link #platform()}: small pools of named daemon threads, which end when idle (the default);</li>
 *   <li>{@link #perTask(Function)}: a new thread for each task, at most as many at once as the
 *       pool would have had: for virtual threads ({@code Thread.ofVirtual().name(name + "-", 1).factory()}
 *       on Java 21+);</li>
 *   <li>{@link #on(Executor)}: every task on an executor of the application's, with the same bounds;
 *       only the tick's timer keeps a daemon thread of its own.</li>
 * </ul>
 * Give it to {@link io.dsn.DSNodeServer.Builder#threads(NodeThreads)}.
 */
public interface NodeThreads {

    /**
     * A new executor for the named task that runs at most {@code parallelism} tasks at once and
     * queues the rest; the caller shuts it down (which never shuts down an executor it runs on).
     */
    ExecutorService newExecutor(String name, int parallelism);

    /** A new scheduler for the named task, with one thread; the caller shuts it down. */
    ScheduledExecutorService newScheduler(String name);

    /** Pools of named daemon platform threads, which end after 30 s idle. */
    static NodeThreads platform() {
        return PooledThreads.PLATFORM;
    }

    /**
     * Pools whose threads come from {@code factories}, given the name of the task (such as
     * {@code dsn-serve-<node id>}).
     */
    static NodeThreads pooled(Function<String, ThreadFactory> factories) {
        return new PooledThreads(Objects.requireNonNull(factories, "factories"));
    }

    /**
     * A new thread from {@code factories} for each task, at most {@code parallelism} at once per
     * executor: the way to run a node on virtual threads, which are never pooled.
     */
    static NodeThreads perTask(Function<String, ThreadFactory> factories) {
        Objects.requireNonNull(factories, "factories");
        return new NodeThreads() {
            @Override
            public ExecutorService newExecutor(String name, int parallelism) {
                ThreadFactory factory = factories.apply(name);
                return new LaneExecutor(name, task -> factory.newThread(task).start(), parallelism);
            }

            @Override
            public ScheduledExecutorService newScheduler(String name) {
                return PooledThreads.scheduler(factories.apply(name));
            }

            @Override
            public String toString() {
                return "NodeThreads[per task]";
            }
        };
    }

    /**
     * Every task on {@code executor} (an application's task executor, for example), each named
     * task at most {@code parallelism} at once; the executor is never shut down by the node.
     * The tick's timer is one daemon thread per node: its tasks are short (they send requests
     * and never wait for answers).
     */
    static NodeThreads on(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return new NodeThreads() {
            @Override
            public ExecutorService newExecutor(String name, int parallelism) {
                return new LaneExecutor(name, executor, parallelism);
            }

            @Override
            public ScheduledExecutorService newScheduler(String name) {
                return PooledThreads.PLATFORM.newScheduler(name);
            }

            @Override
            public String toString() {
                return "NodeThreads[on " + executor + "]";
            }
        };
    }
}
