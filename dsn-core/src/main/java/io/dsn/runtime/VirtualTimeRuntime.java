package io.dsn.runtime;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for tests and simulations: every scheduler and executor it hands out queues its
 * tasks on one timeline, and they run only when the driving thread calls {@link #runFor},
 * {@link #runUntil} or {@link #await}, in time order, one at a time. The clock jumps from task
 * to task, so an hour of a network's life takes as long as its tasks take to compute.
 * Randomness is seeded: the same seed, the same nodes and the same calls give the same run.
 * Its nodes sign with ECDSA unless it is made with {@link NodeSignatures#SIMULATION_STAND_IN}.
 *
 * <p>Drive it from one thread only, and use it with a transport that does not block (the
 * {@link io.dsn.transport.InMemoryNetwork}'s).
 */
public final class VirtualTimeRuntime implements NodeRuntime {

    private static final Logger log = LoggerFactory.getLogger(VirtualTimeRuntime.class);
    private static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Instant start;
    private final Random random;
    private final SecureRandom secureRandom;
    private final NodeSignatures signatures;
    private final Set<SimulatedBug> bugs;
    private final PriorityQueue<Task<?>> timeline = new PriorityQueue<>();
    private final Clock clock = new VirtualClock(0);
    /**
     * The thread running a task of this timeline, if any. A field, not a ThreadLocal: the driving
     * thread of a simulation holds a thread-local cipher per node, and setting a ThreadLocal in a
     * map of thousands of entries twice per task cost a fifth of a simulation's time.
     */
    private volatile @Nullable Thread runningTask;
    private long nowNanos;
    private long sequence;

    private VirtualTimeRuntime(long seed, Instant start, NodeSignatures signatures, Set<SimulatedBug> bugs) {
        this.start = Objects.requireNonNull(start, "start");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.bugs = Set.copyOf(bugs);
        this.random = new Random(seed);
        try {
            // SHA1PRNG seeded before its first use is deterministic, unlike the platform default.
            this.secureRandom = SecureRandom.getInstance("SHA1PRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is not available", e);
        }
        this.secureRandom.setSeed(seed);
    }

    /** A timeline starting at {@code start}, with randomness seeded by {@code seed}; its nodes sign with ECDSA. */
    public VirtualTimeRuntime(long seed, Instant start) {
        this(seed, start, NodeSignatures.ECDSA, Set.of());
    }

    /** A timeline starting at 2026-01-01T00:00:00Z, whose nodes use {@code signatures}. */
    public VirtualTimeRuntime(long seed, NodeSignatures signatures) {
        this(seed, DEFAULT_START, signatures, Set.of());
    }

    /**
     * A timeline starting at 2026-01-01T00:00:00Z whose nodes use {@code signatures} and have
     * {@code bugs}, put in on purpose (to prove that a simulation's checks find them).
     */
    public VirtualTimeRuntime(long seed, NodeSignatures signatures, Set<SimulatedBug> bugs) {
        this(seed, DEFAULT_START, signatures, bugs);
    }

    /** A timeline starting at 2026-01-01T00:00:00Z; its nodes sign with ECDSA. */
    public VirtualTimeRuntime(long seed) {
        this(seed, DEFAULT_START, NodeSignatures.ECDSA, Set.of());
    }

    @Override
    public NodeSignatures signatures() {
        return signatures;
    }

    @Override
    public Set<SimulatedBug> simulatedBugs() {
        return bugs;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    /** The virtual time elapsed since the start. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nowNanos);
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
        return new Lane(name);
    }

    @Override
    public ExecutorService newSerialExecutor(String name) {
        return new Lane(name);
    }

    /**
     * {@inheritDoc} Must not be called from a task of this timeline (a listener, for example):
     * a task that waits for the network would run the timeline inside itself.
     *
     * @throws IllegalStateException when called from a task of this timeline
     */
    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout)
            throws ExecutionException, TimeoutException {
        if (!future.isDone()) {
            runUntil(future::isDone, timeout);
        }
        if (!future.isDone()) {
            throw new TimeoutException("not done after " + timeout + " of virtual time");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }

    /** Runs every task due in the next {@code duration}, then sets the clock to its end. */
    public void runFor(Duration duration) {
        requireOutsideTasks();
        long end = Math.addExact(nanoTime(), duration.toNanos());
        while (runNext(end)) {
            // keep going
        }
        synchronized (this) {
            nowNanos = Math.max(nowNanos, end);
        }
    }

    /**
     * Runs tasks in time order until the condition holds or {@code limit} of virtual time has
     * passed; the condition is checked before each task.
     *
     * @return whether the condition holds
     */
    public boolean runUntil(BooleanSupplier condition, Duration limit) {
        requireOutsideTasks();
        long end = Math.addExact(nanoTime(), limit.toNanos());
        while (!condition.getAsBoolean()) {
            if (!runNext(end)) {
                synchronized (this) {
                    nowNanos = Math.max(nowNanos, end);
                }
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    private void requireOutsideTasks() {
        if (runningTask == Thread.currentThread()) {
            throw new IllegalStateException("a task of a virtual timeline cannot run the timeline (a listener that"
                    + " waits for the network, for example): use the asynchronous form, or wait from the thread"
                    + " that drives the timeline");
        }
    }

    /** How many tasks wait on the timeline (cancelled ones and those of lanes shut down not counted). */
    public synchronized int pendingTasks() {
        return (int) timeline.stream().filter(Task::isLive).count();
    }

    /**
     * Runs the next live task if it is due by {@code end}; false when there is none. Cancelled
     * tasks and those of lanes shut down are dropped as they come up, not searched for.
     */
    private boolean runNext(long end) {
        Task<?> next;
        synchronized (this) {
            do {
                next = timeline.peek();
                if (next == null || next.time > end) {
                    return false;
                }
                timeline.poll();
            } while (!next.isLive());
            nowNanos = Math.max(nowNanos, next.time);
        }
        runningTask = Thread.currentThread();
        try {
            next.run();
        } finally {
            runningTask = null;
        }
        return true;
    }

    private synchronized <V> Task<V> enqueue(Task<V> task) {
        timeline.add(task);
        return task;
    }

    /**
     * This timeline's clock set {@code offset} ahead (behind when negative): the clock of a
     * simulated host whose clock is wrong, or was stepped when it restarted. Its durations
     * ({@link #nanoTime()}) are the timeline's.
     */
    public Clock clock(Duration offset) {
        return new VirtualClock(offset.toNanos());
    }

    /**
     * Whether {@code runtime} keeps the time of a virtual timeline (its clock is a
     * {@code VirtualTimeRuntime}'s, directly or through a runtime that hands it on): the one kind
     * of runtime whose nodes may use {@link NodeSignatures#SIMULATION_STAND_IN}.
     */
    public static boolean keepsVirtualTime(NodeRuntime runtime) {
        return runtime.clock() instanceof VirtualClock;
    }

    private synchronized long nextSequence() {
        return sequence++;
    }

    private final class VirtualClock extends Clock {

        private final long offsetNanos;

        VirtualClock(long offsetNanos) {
            this.offsetNanos = offsetNanos;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the virtual clock is in UTC");
        }

        @Override
        public Instant instant() {
            return start.plusNanos(nanoTime() + offsetNanos);
        }
    }

    /** One scheduler or executor handed out: its own tasks on the shared timeline, shut down on its own. */
    private final class Lane extends AbstractExecutorService implements ScheduledExecutorService {

        private final String name;
        private final List<Task<?>> periodic = new ArrayList<>();
        private volatile boolean shutdown;
        private volatile boolean dropped;

        Lane(String name) {
            this.name = name;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return submitAt(Executors.callable(command, null), delay, unit, 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return submitAt(callable, delay, unit, 0);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            if (period <= 0) {
                throw new IllegalArgumentException("period must be positive");
            }
            return submitAt(Executors.callable(command, null), initialDelay, unit, unit.toNanos(period));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return scheduleAtFixedRate(command, initialDelay, delay, unit);
        }

        @Override
        public void execute(Runnable command) {
            submitAt(Executors.callable(command, null), 0, TimeUnit.NANOSECONDS, 0);
        }

        private <V> Task<V> submitAt(Callable<V> callable, long delay, TimeUnit unit, long period) {
            if (shutdown) {
                throw new RejectedExecutionException(name + " is shut down");
            }
            long time = nanoTime() + Math.max(0, unit.toNanos(delay));
            Task<V> task = new Task<>(this, callable, time, period);
            if (period > 0) {
                synchronized (periodic) {
                    periodic.add(task);
                }
            }
            return enqueue(task);
        }

        void reschedule(Task<?> task) {
            if (!shutdown) {
                enqueue(task);
            }
        }

        @Override
        public void shutdown() {
            shutdown = true;
            synchronized (periodic) {
                periodic.forEach(task -> task.cancel(false));
                periodic.clear();
            }
        }

        /** Its queued tasks never run; they leave the timeline as they come up. */
        @Override
        public List<Runnable> shutdownNow() {
            shutdown();
            dropped = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            // Queued tasks run when the timeline is driven; nothing here can wait for them.
            return true;
        }

        @Override
        public String toString() {
            return "VirtualTimeRuntime.Lane[" + name + "]";
        }
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {

        private final Lane lane;
        private final long period;
        private final long order = nextSequence();
        private long time;

        Task(Lane lane, Callable<V> callable, long time, long period) {
            super(callable);
            this.lane = lane;
            this.time = time;
            this.period = period;
        }

        @Override
        public boolean isPeriodic() {
            return period > 0;
        }

        boolean isLive() {
            return !isCancelled() && !lane.dropped;
        }

        @Override
        protected void setException(Throwable failure) {
            // A thread pool's worker would report it; on the timeline nobody else would.
            log.warn("A task of {} failed", lane, failure);
            super.setException(failure);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            if (other instanceof Task<?> task) {
                int byTime = Long.compare(time, task.time);
                return byTime != 0 ? byTime : Long.compare(order, task.order);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                time += period;
                lane.reschedule(this);
            }
        }
    }
}
