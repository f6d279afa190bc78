package io.dsn.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a server connection that is too slow: idle with no request for longer than the idle
 * timeout, a request whose head is not read in time, or a request not read whole in time. It sits
 * before the HTTP decoder, so the first byte of a request starts the clocks; the handlers after
 * the decoder tell it, with {@link Progress} events, when the head and the body are read and when
 * the answer is sent. While the node works on an answer no clock runs: that time is the node's.
 */
final class RequestDeadlines extends ChannelInboundHandlerAdapter {

    /** What the handlers after the decoder report, as user events fired from the pipeline's head. */
    enum Progress { HEAD_READ, REQUEST_READ, ANSWER_SENT }

    private enum Phase { IDLE, READING_HEAD, READING_BODY, ANSWERING }

    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);

    private final long headNanos;
    private final long readNanos;
    private final long idleNanos;
    private Phase phase = Phase.IDLE;
    private @Nullable ScheduledFuture<?> idle;
    private @Nullable ScheduledFuture<?> head;
    private @Nullable ScheduledFuture<?> whole;

    RequestDeadlines(Duration head, Duration read, Duration idle) {
        this.headNanos = head.toNanos();
        this.readNanos = read.toNanos();
        this.idleNanos = idle.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // A client opens a connection to send a request: one that sends nothing is not kept for the long idle timeout.
        idle = close(ctx, Math.min(idleNanos, headNanos), "no request");
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (phase == Phase.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            phase = Phase.READING_HEAD;
            idle = cancel(idle);
            head = close(ctx, headNanos, "request head too slow");
            whole = close(ctx, readNanos, "request too slow");
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Progress progress) {
            switch (progress) {
                case HEAD_READ -> {
                    // A request that was already buffered (sent right behind the one before) starts
                    // here without a byte arriving in IDLE: its idle clock stops and its read clock starts.
                    idle = cancel(idle);
                    head = cancel(head);
                    if (whole == null) {
                        whole = close(ctx, readNanos, "request too slow");
                    }
                    phase = Phase.READING_BODY;
                }
                case REQUEST_READ -> {
                    idle = cancel(idle);
                    head = cancel(head);
                    whole = cancel(whole);
                    phase = Phase.ANSWERING;
                }
                case ANSWER_SENT -> {
                    phase = Phase.IDLE;
                    idle = cancel(idle);
                    idle = close(ctx, idleNanos, "idle too long");
                }
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        idle = cancel(idle);
        head = cancel(head);
        whole = cancel(whole);
        ctx.fireChannelInactive();
    }

    private static ScheduledFuture<?> close(ChannelHandlerContext ctx, long nanos, String why) {
        return ctx.executor().schedule(() -> {
            log.debug("Closing the connection from {}: {}", ctx.channel().remoteAddress(), why);
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private static @Nullable ScheduledFuture<?> cancel(@Nullable ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        return null;
    }
}
