package io.dsn.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * An executor service over another executor: at most {@code parallelism} of its tasks run at
 * once, the rest wait in order. Shutting it down never shuts the other one down; shutting it down
 * now interrupts its running tasks and hands back those still waiting.
 */
final class LaneExecutor extends AbstractExecutorService {

    private static final Logger log = LoggerFactory.getLogger(LaneExecutor.class);

    private final String name;
    private final Executor delegate;
    private final int parallelism;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private final Set<Thread> running = new HashSet<>();
    /** Workers handed to the delegate and not over yet (started or not). */
    private int workers;
    private boolean shutdown;

    LaneExecutor(String name, Executor delegate, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, was " + parallelism);
        }
        this.name = name;
        this.delegate = delegate;
        this.parallelism = parallelism;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            if (workers >= parallelism) {
                waiting.add(task);
                return;
            }
            workers++;
        }
        try {
            delegate.execute(() -> work(task));
        } catch (RuntimeException e) {
            synchronized (this) {
                workers--;
                notifyAll();
            }
            throw e instanceof RejectedExecutionException rejected ? rejected
                    : new RejectedExecutionException(name + ": " + e.getMessage(), e);
        }
    }

    /** Runs the task, then those waiting, until none is left. */
    private void work(Runnable first) {
        Thread thread = Thread.currentThread();
        Runnable task = first;
        while (task != null) {
            synchronized (this) {
                running.add(thread);
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
                log.warn("A task of {} failed", name, e);
            } finally {
                synchronized (this) {
                    running.remove(thread);
                }
                // A task interrupted by shutdownNow must not leave the flag to the next one (or to a pooled thread).
                Thread.interrupted();
            }
            synchronized (this) {
                task = waiting.poll();
                if (task == null) {
                    workers--;
                    notifyAll();
                }
            }
        }
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(waiting);
        waiting.clear();
        running.forEach(Thread::interrupt);
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && workers == 0;
    }

    @Override
    public synchronized boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public String toString() {
        return "LaneExecutor[" + name + ", " + parallelism + "]";
    }
}
