package io.dsn.transport;

import io.dsn.Endpoint;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kept-alive connections to each peer that no request uses right now. A connection leaves the
 * pool when a request takes it and when it closes; an idle one is closed by its own idle timer.
 * There are never more idle connections to a peer than requests to it in flight at once, and never
 * more than {@code maxIdle} in all: past it, a connection given back is closed instead of kept.
 */
final class ConnectionPool {

    private final ConcurrentHashMap<Endpoint, Deque<Channel>> idle = new ConcurrentHashMap<>();
    private final int maxIdle;
    private final AtomicInteger count = new AtomicInteger();

    ConnectionPool(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    /** An open idle connection to {@code target}, the most recently used one; null when there is none. */
    @Nullable Channel take(Endpoint target) {
        Deque<Channel> channels = idle.get(target);
        if (channels == null) {
            return null;
        }
        Channel channel;
        while ((channel = channels.pollLast()) != null) {
            count.decrementAndGet();
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** Puts a connection back after its answer was read whole. */
    void giveBack(Endpoint target, Channel channel) {
        if (count.incrementAndGet() > maxIdle) {
            count.decrementAndGet();
            channel.close();
            return;
        }
        idle.compute(target, (key, channels) -> {
            Deque<Channel> deque = channels == null ? new ConcurrentLinkedDeque<>() : channels;
            deque.addLast(channel);
            return deque;
        });
        if (!channel.isActive()) {
            forget(target, channel);
        }
    }

    /** Removes a closed connection. */
    void forget(Endpoint target, Channel channel) {
        idle.computeIfPresent(target, (key, channels) -> {
            if (channels.remove(channel)) {
                count.decrementAndGet();
            }
            return channels.isEmpty() ? null : channels;
        });
    }

    /** Idle connections kept now. */
    int size() {
        return count.get();
    }
}
