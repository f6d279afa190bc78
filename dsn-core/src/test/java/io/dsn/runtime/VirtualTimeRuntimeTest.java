package io.dsn.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The virtual timeline: order, time, cancellation, shutdown, and waiting from the wrong place. */
class VirtualTimeRuntimeTest {

    private final VirtualTimeRuntime time = new VirtualTimeRuntime(1);

    @Test
    void tasksRunInTimeOrderAndTheClockJumpsToEach() {
        ScheduledExecutorService lane = time.newScheduler("lane");
        List<String> ran = new ArrayList<>();
        lane.schedule(() -> ran.add("b at " + time.elapsed().toMillis()), 200, TimeUnit.MILLISECONDS);
        lane.schedule(() -> ran.add("a at " + time.elapsed().toMillis()), 100, TimeUnit.MILLISECONDS);
        lane.execute(() -> ran.add("now at " + time.elapsed().toMillis()));

        time.runFor(Duration.ofMillis(150));
        assertThat(ran).containsExactly("now at 0", "a at 100");
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(150));
        time.runFor(Duration.ofMillis(100));
        assertThat(ran).containsExactly("now at 0", "a at 100", "b at 200");
    }

    @Test
    void cancelledTasksAndThoseOfALaneShutDownNeverRunNorCount() {
        ScheduledExecutorService kept = time.newScheduler("kept");
        ScheduledExecutorService dropped = time.newScheduler("dropped");
        List<String> ran = new ArrayList<>();
        ScheduledFuture<?> cancelled = kept.schedule(() -> ran.add("cancelled"), 1, TimeUnit.SECONDS);
        kept.schedule(() -> ran.add("kept"), 1, TimeUnit.SECONDS);
        dropped.schedule(() -> ran.add("dropped"), 1, TimeUnit.SECONDS);
        dropped.scheduleAtFixedRate(() -> ran.add("tick"), 0, 100, TimeUnit.MILLISECONDS);
        time.runFor(Duration.ofMillis(250));

        cancelled.cancel(false);
        dropped.shutdownNow();

        assertThat(time.pendingTasks()).isEqualTo(1);
        time.runFor(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("tick", "tick", "tick", "kept");
        assertThatThrownBy(() -> dropped.execute(() -> { })).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }

    @Test
    void awaitRunsTheTimelineUntilTheFutureCompletesOrTheTimeoutPasses() throws Exception {
        ScheduledExecutorService lane = time.newScheduler("lane");
        CompletableFuture<String> answer = new CompletableFuture<>();
        lane.schedule(() -> answer.complete("done"), 3, TimeUnit.SECONDS);

        assertThat(time.await(answer, Duration.ofSeconds(10))).isEqualTo("done");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> time.await(new CompletableFuture<>(), Duration.ofSeconds(2)))
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTaskThatWaitsForTheTimelineFailsClearlyInsteadOfRunningItInsideItself() {
        ExecutorService events = time.newSerialExecutor("events");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<String> order = new ArrayList<>();
        events.execute(() -> {
            order.add("first starts");
            try {
                time.await(new CompletableFuture<>(), Duration.ofSeconds(5));
            } catch (Exception | Error e) {
                failure.set(e);
            }
            order.add("first ends");
        });
        events.execute(() -> order.add("second"));

        time.runFor(Duration.ofSeconds(1));

        assertThat(order).containsExactly("first starts", "first ends", "second");
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot run the timeline");
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theSameSeedGivesTheSameRandomness() {
        VirtualTimeRuntime other = new VirtualTimeRuntime(1);

        assertThat(time.random().nextLong()).isEqualTo(other.random().nextLong());
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        time.secureRandom().nextBytes(a);
        other.secureRandom().nextBytes(b);
        assertThat(a).isEqualTo(b);
    }
}
