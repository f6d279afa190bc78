package io.dsn.benchmarks.simulation.explore;

import io.dsn.benchmarks.simulation.DelegatingRuntime;
import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.VirtualTimeRuntime;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The runtime of one start of one simulated host: the shared timeline as that process sees it.
 * Its clock is the timeline's, set off by as much as the host's clock is wrong; its timers can be
 * {@linkplain #pause() paused} (a process stopped by SIGSTOP or a long GC: what comes due waits,
 * and runs once when it {@linkplain #resume() resumes}); and it can be {@linkplain #kill() killed}
 * (the process died: nothing of it runs again, and it writes nothing more).
 */
final class HostRuntime extends DelegatingRuntime {

    private final Clock clock;
    private final Map<Runnable, ScheduledExecutorService> deferred = new LinkedHashMap<>();
    private boolean paused;
    private boolean killed;

    /**
     * @param timeline the runtime every host shares (its waits, randomness and timeline)
     * @param virtualTime the timeline's clock source, for a clock set off by {@code clockOffset}
     */
    HostRuntime(NodeRuntime timeline, VirtualTimeRuntime virtualTime, Duration clockOffset) {
        super(timeline);
        this.clock = virtualTime.clock(clockOffset);
    }

    /** What comes due from now on waits until {@link #resume()}. */
    void pause() {
        paused = true;
    }

    /** Runs what came due while paused, once each (a periodic timer that missed several turns fires once). */
    void resume() {
        paused = false;
        List<Map.Entry<Runnable, ScheduledExecutorService>> due = List.copyOf(deferred.entrySet());
        deferred.clear();
        for (Map.Entry<Runnable, ScheduledExecutorService> task : due) {
            try {
                task.getValue().execute(task.getKey());
            } catch (RejectedExecutionException e) {
                // the node shut that scheduler down meanwhile
            }
        }
    }

    boolean paused() {
        return paused;
    }

    /** The process dies: nothing it scheduled runs, now or later. */
    void kill() {
        killed = true;
        deferred.clear();
    }

    /**
     * Runs a task of one of this host's schedulers, unless the host died, or holds it while the
     * host is paused ({@code wrapper} is what runs it again on resume).
     */
    void runOrHold(Runnable wrapper, ScheduledExecutorService lane, Runnable task, boolean pausable) {
        if (killed) {
            return;
        }
        if (paused && pausable) {
            deferred.putIfAbsent(wrapper, lane);
            return;
        }
        task.run();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** The node's timers: paused with the host. */
    @Override
    public ScheduledExecutorService newScheduler(String name) {
        return new HostExecutor(this, super.newScheduler(name), true);
    }

    /**
     * The node's event delivery: not paused (the order of its events must stay, and what a
     * listener does is the simulation's, not the process's), but gone with the process.
     */
    @Override
    public ExecutorService newSerialExecutor(String name) {
        return new HostExecutor(this, super.newScheduler(name), false);
    }
}
