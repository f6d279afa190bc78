package io.dsn.transport;

import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
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

    /** The limits' settings as the node's user names them. */
    private final String limitNames;

    ConnectionLimiter(int maxConnections, int maxPerAddress, DSNSettingNaming naming) {
        this.limitNames = naming.nameOf(DSNSettings.LIMITS_MAX_CONNECTIONS) + " and "
                + naming.nameOf(DSNSettings.LIMITS_MAX_CONNECTIONS_PER_ADDRESS);
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
                            + " (limit {}); see {}",
                    address.getHostAddress(), open.total(), maxConnections, open.of(address), maxPerAddress, limitNames);
            ctx.close();
        }
    }
}
