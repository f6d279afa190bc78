package io.dsn.transport;

import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands each request read whole to the node's {@link RequestHandler} on the worker pool, never on
 * an event loop, and writes the answer back. A connection reads no further request while one of
 * its requests is answered, so answers go out in order and one connection costs at most one
 * worker. Past the limit of requests in flight a request is answered 503 at once.
 */
@ChannelHandler.Sharable
final class RequestServer extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestServer.class);

    private final RequestHandler handler;
    private final ExecutorService workers;
    private final int maxInFlight;
    private final BodyBudget budget;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RefusalLog overloaded = new RefusalLog(log);

    /** The limit's setting as the node's user names it. */
    private final String limitName;

    RequestServer(RequestHandler handler, ExecutorService workers, int maxInFlight, BodyBudget budget,
                  DSNSettingNaming naming) {
        this.limitName = naming.nameOf(DSNSettings.LIMITS_MAX_REQUESTS_IN_FLIGHT);
        this.handler = handler;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.budget = budget;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof BoundedRequestReader.ReceivedRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        Channel channel = ctx.channel();
        channel.config().setAutoRead(false);
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            budget.giveBack(request.budgetTaken());
            overloaded.refused("Answered a request from {} with 503: {} requests are in flight already; see {}",
                    channel.remoteAddress(), maxInFlight, limitName);
            answer(channel, request, TransportResponse.status(503));
            return;
        }
        String remote = ((InetSocketAddress) channel.remoteAddress()).getAddress().getHostAddress();
        try {
            workers.execute(() -> {
                TransportResponse response;
                try {
                    response = handler.handle(request.path(), request.body(), remote);
                } catch (RuntimeException | Error e) {
                    // Answered all the same: a connection without an answer would wait, unread, for ever.
                    log.error("Bug while handling {} from {}", request.path(), remote, e);
                    response = TransportResponse.status(500);
                } finally {
                    inFlight.decrementAndGet();
                    budget.giveBack(request.budgetTaken());
                }
                answer(channel, request, response);
            });
        } catch (RejectedExecutionException stopped) {
            inFlight.decrementAndGet();
            budget.giveBack(request.budgetTaken());
            channel.close();
        }
    }

    private static void answer(Channel channel, BoundedRequestReader.ReceivedRequest request, TransportResponse response) {
        if (!channel.isActive()) {
            return; // closed meanwhile (the transport too, perhaps): nobody to answer
        }
        channel.writeAndFlush(ServerAnswers.of(response.status(), response.body(), request.keepAlive()))
                .addListener((ChannelFutureListener) written -> {
                    if (!written.isSuccess() || !request.keepAlive()) {
                        channel.close();
                        return;
                    }
                    channel.pipeline().fireUserEventTriggered(RequestDeadlines.Progress.ANSWER_SENT);
                    channel.config().setAutoRead(true);
                });
    }

    /** Requests being answered now. */
    int inFlight() {
        return inFlight.get();
    }
}
