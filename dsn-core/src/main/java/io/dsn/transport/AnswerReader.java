package io.dsn.transport;

import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/** The last handler of an outgoing connection: gives the answer, or the connection's loss, to the {@link HttpSender}. */
final class AnswerReader extends ChannelInboundHandlerAdapter {

    private final HttpSender sender;
    /** The body limit's setting as the node's user names it. */
    private final String bodySizeName;

    AnswerReader(HttpSender sender, DSNSettingNaming naming) {
        this.sender = sender;
        this.bodySizeName = naming.nameOf(DSNSettings.MAX_BODY_SIZE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpResponse response) {
                sender.answered(ctx.channel(), response);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            sender.idle(ctx.channel());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        sender.lost(ctx.channel(), new IOException("the connection closed before an answer arrived"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            sender.failed(ctx.channel(), new IOException("the answer is larger than this node's body limit ("
                    + bodySizeName + ")", cause));
        } else if (cause instanceof DecoderException) {
            sender.failed(ctx.channel(), new IOException("the answer is not valid HTTP: " + cause.getMessage(), cause));
        } else {
            sender.lost(ctx.channel(), cause instanceof IOException io ? io : new IOException(cause.toString(), cause));
        }
        ctx.close();
    }
}
