package io.dsn.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeThreadsTest {

    @Test
    void anApplicationsExecutorRunsTheTasksAtMostParallelismAtOnceAndIsNeverShutDown() throws Exception {
        ExecutorService application = Executors.newFixedThreadPool(8);
        try {
            ExecutorService lane = NodeThreads.on(application).newExecutor("dsn-serve-a", 2);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                lane.execute(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(5);
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(most.get()).isEqualTo(2);

            lane.shutdown();
            assertThat(lane.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> lane.execute(() -> { })).isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
            assertThat(application.isShutdown()).isFalse();
        } finally {
            application.shutdownNow();
        }
    }

    @Test
    void oneAtATimeKeepsTheOrderAndShutdownNowHandsBackWhatWaits() throws Exception {
        ExecutorService application = Executors.newCachedThreadPool();
        try {
            ExecutorService serial = NodeThreads.on(application).newExecutor("dsn-events-a", 1);
            List<Integer> order = new CopyOnWriteArrayList<>();
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            serial.execute(() -> {
                blocked.countDown();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
            });
            for (int i = 0; i < 5; i++) {
                int n = i;
                serial.execute(() -> order.add(n));
            }
            assertThat(blocked.await(1, TimeUnit.SECONDS)).isTrue();
            List<Runnable> left = serial.shutdownNow();
            assertThat(left).hasSize(5);
            assertThat(interrupted.await(1, TimeUnit.SECONDS)).isTrue();
            assertThat(serial.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
            left.forEach(Runnable::run);
            assertThat(order).containsExactly(0, 1, 2, 3, 4);
        } finally {
            application.shutdownNow();
        }
    }

    @Test
    void perTaskMakesANamedThreadForEachTaskAndSchedules() throws Exception {
        List<String> names = new CopyOnWriteArrayList<>();
        NodeThreads threads = NodeThreads.perTask(name -> NamedThreads.daemon(name));
        ExecutorService executor = threads.newExecutor("dsn-answer-a", 3);
        CountDownLatch done = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            executor.execute(() -> {
                names.add(Thread.currentThread().getName());
                done.countDown();
            });
        }
        assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(names).allMatch(name -> name.startsWith("dsn-answer-a-"));
        executor.shutdown();

        ScheduledExecutorService scheduler = threads.newScheduler("dsn-tick-a");
        try {
            String name = scheduler.schedule(() -> Thread.currentThread().getName(), 1, TimeUnit.MILLISECONDS).get();
            assertThat(name).startsWith("dsn-tick-a-");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void theSystemRuntimeTakesItsThreadsFromTheGivenOnes() throws Exception {
        NodeRuntime runtime = NodeRuntime.system(NodeThreads.pooled(name -> NamedThreads.daemon("custom-" + name)));
        ExecutorService serial = runtime.newSerialExecutor("events");
        try {
            assertThat(serial.submit(() -> Thread.currentThread().getName()).get()).startsWith("custom-events-");
        } finally {
            serial.shutdownNow();
        }
        assertThat(NodeRuntime.system()).hasToString("NodeRuntime[system]");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
