package io.dsn.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the server's open connections, in all and per remote address, and closes a new one at
 * once when either count is at its limit. Connections already open are never touched.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

    private final int maxConnections;
    private final int maxPerAddress;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> openPerAddress = new ConcurrentHashMap<>();
    private final RefusalLog refusals = new RefusalLog(log);

    ConnectionLimiter(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (admit(address)) {
            ctx.channel().closeFuture().addListener(closed -> leave(address));
            ctx.fireChannelActive();
        } else {
            refusals.refused("Closed a new connection from {}: {} connections open in all (limit {}), {} from it"
                            + " (limit {}); see dsn.limits.max-connections and dsn.limits.max-connections-per-address",
                    address.getHostAddress(), open.get(), maxConnections, openPerAddress.getOrDefault(address, 0),
                    maxPerAddress);
            ctx.close();
        }
    }

    private boolean admit(InetAddress address) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            return false;
        }
        boolean[] admitted = {false};
        openPerAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            open.decrementAndGet();
        }
        return admitted[0];
    }

    private void leave(InetAddress address) {
        openPerAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
        open.decrementAndGet();
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }
}
