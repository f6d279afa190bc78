package io.dsn.transport;

import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one request at a time into a {@link ReceivedRequest}, holding its body to the limit of
 * its path: the transport's body limit, or less where the node's handler takes less
 * ({@link RequestHandler#bodyLimit}: the protocol holds HELLO, PEERS and PING to 64 KiB).
 * A declared length over the limit is answered 413 before any of the body is read; a
 * chunked body is answered 413 the moment it passes the limit. Either way the connection closes
 * without reading the rest. Methods other than POST get 405, requests the decoder could not
 * parse 400.
 */
final class BoundedRequestReader extends ChannelInboundHandlerAdapter {

    /**
     * Bodies held to at most this by their path's limit take nothing from the server's budget of
     * body bytes: their limit and the connection caps bound them.
     */
    static final int UNBUDGETED_BODY_LIMIT = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(BoundedRequestReader.class);

    private final int maxBodySize;
    private final RequestHandler handler;
    private final BodyBudget budget;
    private final RefusalLog refusals;
    private @Nullable String path;
    private boolean keepAlive;
    private int limit;
    private @Nullable CompositeByteBuf body;
    private long taken;
    private boolean budgeted;
    private boolean refused;

    /** The settings as the node's user names them. */
    private final String bufferedBytesName;
    private final String bodySizeName;

    /** @param handler tells the limit of each path ({@link RequestHandler#bodyLimit}); it is not called to serve */
    BoundedRequestReader(int maxBodySize, RequestHandler handler, BodyBudget budget, RefusalLog refusals,
                         DSNSettingNaming naming) {
        this.bufferedBytesName = naming.nameOf(DSNSettings.LIMITS_MAX_BUFFERED_BYTES);
        this.bodySizeName = naming.nameOf(DSNSettings.MAX_BODY_SIZE);
        this.maxBodySize = maxBodySize;
        this.handler = handler;
        this.budget = budget;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (refused) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                begin(ctx, request);
            }
            if (!refused && msg instanceof HttpContent content) {
                append(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            refuse(ctx, 400, "it could not be parsed: " + request.decoderResult().cause());
            return;
        }
        ctx.pipeline().fireUserEventTriggered(RequestDeadlines.Progress.HEAD_READ);
        if (!HttpMethod.POST.equals(request.method())) {
            refuse(ctx, 405, "method " + request.method());
            return;
        }
        path = new QueryStringDecoder(request.uri()).path();
        keepAlive = HttpUtil.isKeepAlive(request);
        limit = Math.min(maxBodySize, handler.bodyLimit(path));
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > limit) {
            refuse(ctx, 413, "it declares " + declared + " bytes, over the limit of " + limit + " for " + path);
            return;
        }
        // Bodies that may be large hold the server's budget of body bytes while they are read and
        // answered, byte by byte as they arrive: a declared length reserves nothing, so an outsider
        // must send the bytes to hold them. The small ones are bounded by their limit and the
        // connection caps, and need no budget: PING and HELLO go on when large bodies fill it.
        budgeted = limit > UNBUDGETED_BODY_LIMIT;
        if (HttpUtil.is100ContinueExpected(request)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    private void append(ChannelHandlerContext ctx, HttpContent content) {
        if (body == null) {
            return;
        }
        if (content.decoderResult().isFailure()) {
            refuse(ctx, 400, "its body could not be parsed: " + content.decoderResult().cause());
            return;
        }
        int size = content.content().readableBytes();
        if ((long) body.readableBytes() + size > limit) {
            refuse(ctx, 413, "its body grew over the limit of " + limit + " for " + path);
            return;
        }
        if (budgeted && !take(ctx, size)) {
            return;
        }
        body.addComponent(true, content.content().retain());
        if (content instanceof LastHttpContent) {
            byte[] bytes = ByteBufUtil.getBytes(body);
            ReceivedRequest request = new ReceivedRequest(path, bytes, keepAlive, taken);
            taken = 0; // from here on the request server gives it back, once the request is answered
            discardBody();
            ctx.pipeline().fireUserEventTriggered(RequestDeadlines.Progress.REQUEST_READ);
            ctx.fireChannelRead(request);
        }
    }

    /** Takes body bytes from the server's budget; answers 503 when it is spent. */
    private boolean take(ChannelHandlerContext ctx, long bytes) {
        if (budget.tryTake(bytes)) {
            taken += bytes;
            return true;
        }
        refuse(ctx, 503, "the server holds as many body bytes as it may (" + budget.available()
                + " left, " + bufferedBytesName + ")");
        return false;
    }

    private void refuse(ChannelHandlerContext ctx, int status, String why) {
        refused = true;
        discardBody();
        if (status == 413 || status == 503) {
            refusals.refused("Refused a request from {} with {}: {}{}", ctx.channel().remoteAddress(), status, why,
                    status == 413 ? "; every node of a network needs the same " + bodySizeName : "");
        } else {
            log.debug("Refused a request from {} with {}: {}", ctx.channel().remoteAddress(), status, why);
        }
        ServerAnswers.refuseAndClose(ctx, status);
    }

    private void discardBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        budget.giveBack(taken);
        taken = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        discardBody();
        ctx.fireChannelInactive();
    }

    /**
     * A request read whole: its path, its body, whether the connection stays open after the
     * answer, and the bytes of the server's body budget it holds until it is answered.
     */
    record ReceivedRequest(String path, byte[] body, boolean keepAlive, long budgetTaken) {
    }
}
