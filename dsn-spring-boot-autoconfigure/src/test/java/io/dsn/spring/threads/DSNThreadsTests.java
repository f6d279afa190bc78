package io.dsn.spring.threads;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import io.dsn.DSNode;
import io.dsn.runtime.NamedThreads;
import io.dsn.runtime.NodeThreads;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The node's threads follow {@code spring.threads.virtual.enabled}, or run on the application's
 * executor. The virtual-thread case needs Java 21+: CI runs this class on the Temurin 25 JDK too,
 * with {@code -Ddsn.test.virtual-threads=required}, where it must not fall back.
 */
class DSNThreadsTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String network = "threads-" + UUID.randomUUID();

    /** The threads the node's listeners are called on (the node's event thread). */
    static final class ThreadRecorder implements DSNListener {

        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(DSNEvent event) {
            threads.add(Thread.currentThread());
        }
    }

    private ApplicationContextRunner application(String nodeId, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=" + nodeId, "dsn.transport=in-memory",
                        "dsn.in-memory.network-name=" + network, "dsn.tick-interval=200ms")
                .withPropertyValues(properties);
    }

    static boolean isVirtual(Thread thread) {
        try {
            Method isVirtual = Thread.class.getMethod("isVirtual");
            return (boolean) isVirtual.invoke(thread);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withVirtualThreadsEnabledTheNodeRunsOnVirtualThreadsFromJava21On() {
        boolean java21 = Runtime.version().feature() >= 21;
        if (!java21 && "required".equals(System.getProperty("dsn.test.virtual-threads"))) {
            fail("virtual threads are required by this run, but the JVM is Java " + Runtime.version());
        }
        ThreadRecorder recorder = new ThreadRecorder();
        application("alpha", "spring.threads.virtual.enabled=true")
                .withBean(ThreadRecorder.class, () -> recorder)
                .run(alpha -> application("beta").run(beta -> {
                    assertThat(alpha).hasNotFailed();
                    assertThat(alpha.getBean(NodeThreads.class)).hasToString(java21 ? "NodeThreads[per task]" : "NodeThreads[platform]");
                    beta.getBean(DSNode.class).updateData("k", "v");
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(alpha.getBean(DSNode.class).readData("beta", "k")).contains("v");
                        assertThat(recorder.threads).isNotEmpty();
                    });
                    assertThat(recorder.threads).allSatisfy(thread -> {
                        assertThat(isVirtual(thread)).as(thread.toString()).isEqualTo(java21);
                        assertThat(thread.getName()).startsWith("dsn-events-alpha-");
                    });
                }));
    }

    @Test
    void withoutThePropertyTheNodeKeepsItsPlatformThreads() {
        ThreadRecorder recorder = new ThreadRecorder();
        application("alpha").withBean(ThreadRecorder.class, () -> recorder).run(alpha -> application("beta").run(beta -> {
            assertThat(alpha.getBean(NodeThreads.class)).isSameAs(NodeThreads.platform());
            await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.threads).isNotEmpty());
            assertThat(recorder.threads).noneMatch(DSNThreadsTests::isVirtual)
                    .allSatisfy(thread -> assertThat(thread.getName()).startsWith("dsn-events-alpha-"));
        }));
    }

    @Test
    void anApplicationsExecutorNamedDsnTaskExecutorRunsTheNodesTasks() {
        ExecutorService executor = Executors.newCachedThreadPool(NamedThreads.daemon("app-task"));
        try {
            ThreadRecorder recorder = new ThreadRecorder();
            application("alpha", "spring.threads.virtual.enabled=true")
                    // A plain Executor: the context has nothing to shut down either.
                    .withBean(DSNAutoConfiguration.TASK_EXECUTOR_BEAN_NAME, Executor.class, () -> executor::execute)
                    .withBean(ThreadRecorder.class, () -> recorder)
                    .run(alpha -> application("beta").run(beta -> {
                        await().atMost(WAIT).untilAsserted(() -> assertThat(recorder.threads).isNotEmpty());
                        assertThat(recorder.threads).allSatisfy(thread ->
                                assertThat(thread.getName()).startsWith("app-task-"));
                    }));
            assertThat(executor.isShutdown()).as("the node never shuts the application's executor down").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }
}
