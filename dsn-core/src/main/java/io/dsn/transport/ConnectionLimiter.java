package io.dsn.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Counts the server's open connections, in all and per remote address, and closes a new one at
 * once when either count is at its limit. Connections already open are never touched.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

    private final int maxConnections;
    private final int maxPerAddress;
    private final CountsWithLimits<InetAddress> open;
    private final RefusalLog refusals = new RefusalLog(log);

    ConnectionLimiter(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.open = new CountsWithLimits<>(maxConnections, maxPerAddress);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (open.tryTake(address) == null) {
            ctx.channel().closeFuture().addListener(closed -> open.giveBack(address));
            ctx.fireChannelActive();
        } else {
            refusals.refused("Closed a new connection from {}: {} connections open in all (limit {}), {} from it"
                            + " (limit {}); see dsn.limits.max-connections and dsn.limits.max-connections-per-address",
                    address.getHostAddress(), open.total(), maxConnections, open.of(address), maxPerAddress);
            ctx.close();
        }
    }
}
