package io.dsn.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

import java.util.concurrent.TimeUnit;

/**
 * The event loops every {@link HttpTransport} of this JVM shares: a process running many nodes
 * (a benchmark, a test, the sample's demo) uses a couple of I/O threads in all, not a few per node.
 * Created with the first transport, shut down with the last.
 */
final class SharedEventLoops {

    private static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static @Nullable EventLoopGroup group;
    private static int users;

    private SharedEventLoops() {
    }

    static synchronized EventLoopGroup acquire() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("dsn-io", true),
                    NioIoHandler.newFactory());
        }
        users++;
        return group;
    }

    static synchronized void release() {
        if (--users == 0 && group != null) {
            // No quiet period: no transport uses it any more, and the next one gets a new group.
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            group = null;
        }
    }
}
