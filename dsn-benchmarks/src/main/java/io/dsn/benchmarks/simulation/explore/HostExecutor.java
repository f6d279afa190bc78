package io.dsn.benchmarks.simulation.explore;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler of the timeline as one host's process runs it: every task goes through its
 * {@link HostRuntime}, which drops it once the process died and holds it while the process is
 * paused (when {@code pausable}).
 */
final class HostExecutor extends AbstractExecutorService implements ScheduledExecutorService {

    private final HostRuntime host;
    private final ScheduledExecutorService lane;
    private final boolean pausable;

    HostExecutor(HostRuntime host, ScheduledExecutorService lane, boolean pausable) {
        this.host = host;
        this.lane = lane;
        this.pausable = pausable;
    }

    private Runnable held(Runnable task) {
        return new Runnable() {
            @Override
            public void run() {
                host.runOrHold(this, lane, task, pausable);
            }
        };
    }

    @Override
    public void execute(Runnable command) {
        lane.execute(held(command));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return lane.schedule(held(command), delay, unit);
    }

    /** Not used by the nodes: a result held for a pause could not be waited for. */
    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("a simulated host schedules runnables only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return lane.scheduleAtFixedRate(held(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return lane.scheduleWithFixedDelay(held(command), initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        lane.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return lane.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return lane.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return lane.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return lane.awaitTermination(timeout, unit);
    }
}
