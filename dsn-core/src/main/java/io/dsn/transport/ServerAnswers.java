package io.dsn.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.util.concurrent.TimeUnit;

/** The HTTP answers the server writes: a status, a body when there is one, and whether the connection stays open. */
final class ServerAnswers {

    private static final long LINGER_MILLIS = 1000;

    private ServerAnswers() {
    }

    static FullHttpResponse of(int status, byte[] body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM);
        }
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /**
     * Answers with a status and closes the connection, for requests the server will not read to
     * their end. What the client still sends is dropped unread for a moment before the close:
     * closing at once, with unread bytes, resets the connection, and a client busy sending a large
     * body would see the reset instead of the answer.
     */
    static void refuseAndClose(ChannelHandlerContext ctx, int status) {
        FullHttpResponse response = of(status, new byte[0], false);
        if (status == 405) {
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !(ctx.channel() instanceof SocketChannel socket)) {
                ctx.close();
                return;
            }
            socket.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
