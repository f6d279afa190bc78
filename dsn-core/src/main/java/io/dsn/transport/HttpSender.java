package io.dsn.transport;

import io.dsn.DSNSettingNaming;

import io.dsn.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The client half of {@link HttpTransport}: one request per connection at a time, connections
 * kept alive and reused per peer, a deadline per request that covers connecting, writing and the
 * answer, and the answer handed to the caller on the answer pool, never on an event loop. A
 * request on a reused connection that the peer had closed meanwhile is sent once more on a new one.
 */
final class HttpSender {

    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf(HttpSender.class, "exchange");

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ExecutorService answers;
    private final ExecutorService resolver;
    private final OutgoingPermits permits;
    private final ConnectionPool pool;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<TransportResponse>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    HttpSender(EventLoopGroup group, ExecutorService answers, ExecutorService resolver, int maxBodySize,
               Duration connectTimeout, TransportLimits limits, DSNSettingNaming naming) {
        this.group = group;
        this.answers = answers;
        this.resolver = resolver;
        this.pool = new ConnectionPool(limits.maxConnections());
        this.permits = new OutgoingPermits(limits.maxOutgoingInFlight(), limits.maxOutgoingPerPeer(), naming);
        long poolIdleMillis = Math.max(1, limits.idleTimeout().toMillis() / 2);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(maxBodySize),
                                new IdleStateHandler(0, 0, poolIdleMillis, TimeUnit.MILLISECONDS),
                                new AnswerReader(HttpSender.this, naming));
                    }
                });
    }

    CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new IOException("transport closed"));
        }
        String refusal = permits.tryAcquire(target);
        if (refusal != null) {
            return CompletableFuture.failedFuture(new IOException("Not sent to " + target + ": " + refusal));
        }
        CompletableFuture<TransportResponse> raw = new CompletableFuture<>();
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        waiting.add(raw);
        ScheduledFuture<?> deadline = group.schedule(() -> raw.completeExceptionally(
                new SocketTimeoutException("no answer from " + target + " in " + timeout.toMillis() + " ms")),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        raw.whenComplete((response, error) -> {
            deadline.cancel(false);
            waiting.remove(raw);
            permits.release(target);
            handOver(result, response, error);
        });
        if (closed) {
            raw.completeExceptionally(new IOException("transport closed"));
            return result;
        }
        Exchange exchange = new Exchange(target, path, body, raw);
        Channel idle = pool.take(target);
        if (idle != null) {
            write(idle, exchange, true);
        } else {
            connect(exchange);
        }
        return result;
    }

    /** Completes the caller's future on the answer pool: what the caller does next is crypto and state work. */
    private void handOver(CompletableFuture<TransportResponse> result, @Nullable TransportResponse response,
                          @Nullable Throwable error) {
        Runnable complete = () -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(response);
            }
        };
        try {
            answers.execute(complete);
        } catch (RejectedExecutionException stopped) {
            complete.run();
        }
    }

    private void connect(Exchange exchange) {
        Endpoint target = exchange.target;
        InetSocketAddress address;
        if (NetUtil.isValidIpV4Address(target.address()) || NetUtil.isValidIpV6Address(target.address())) {
            address = new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(target.address()), target.port());
        } else {
            // A host name: resolved on a pool of its own, never on an event loop or the answer pool,
            // where a slow lookup would hold every connection or every answer.
            try {
                resolver.execute(() -> {
                    try {
                        connectTo(exchange, new InetSocketAddress(InetAddress.getByName(target.address()), target.port()));
                    } catch (UnknownHostException e) {
                        exchange.result.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException stopped) {
                exchange.result.completeExceptionally(new IOException("transport closed"));
            }
            return;
        }
        connectTo(exchange, address);
    }

    private void connectTo(Exchange exchange, InetSocketAddress address) {
        if (exchange.result.isDone()) {
            return;
        }
        ChannelFuture connecting = bootstrap.connect(address);
        Channel channel = connecting.channel();
        open.add(channel);
        channel.closeFuture().addListener(closedFuture -> {
            open.remove(channel);
            pool.forget(exchange.target, channel);
        });
        if (closed) {
            channel.close();
        }
        connecting.addListener(connected -> {
            if (connected.isSuccess()) {
                write(channel, exchange, false);
            } else {
                Throwable cause = connected.cause();
                exchange.result.completeExceptionally(cause instanceof IOException ? cause
                        : new IOException("cannot connect to " + exchange.target + ": " + cause, cause));
            }
        });
    }

    private void write(Channel channel, Exchange exchange, boolean reused) {
        if (exchange.result.isDone()) {
            pool.giveBack(exchange.target, channel);
            return;
        }
        exchange.reused = reused;
        channel.attr(EXCHANGE).set(exchange);
        // A late answer must never be taken for the next request's: a connection whose request
        // timed out is closed, not reused.
        exchange.result.whenComplete((response, error) -> {
            if (error != null && channel.attr(EXCHANGE).get() == exchange) {
                channel.close();
            }
        });
        channel.writeAndFlush(requestOf(exchange)).addListener(written -> {
            if (!written.isSuccess()) {
                // The connection may have closed before the exchange was attached to it: hand the
                // exchange over (and retry it, if the connection was a reused one) here too.
                lost(channel, new IOException("cannot send to " + exchange.target + ": " + written.cause(),
                        written.cause()));
                channel.close();
            }
        });
    }

    private static FullHttpRequest requestOf(Exchange exchange) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, exchange.path,
                Unpooled.wrappedBuffer(exchange.body));
        String host = exchange.target.address();
        request.headers()
                .set(HttpHeaderNames.HOST, (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + exchange.target.port())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, exchange.body.length);
        return request;
    }

    /** The answer to the connection's request arrived whole. */
    void answered(Channel channel, FullHttpResponse response) {
        Exchange exchange = channel.attr(EXCHANGE).getAndSet(null);
        if (exchange == null) {
            channel.close();
            return;
        }
        TransportResponse answer = new TransportResponse(response.status().code(), ByteBufUtil.getBytes(response.content()));
        // Back in the pool before the caller hears of the answer, so that its next request finds it there.
        if (HttpUtil.isKeepAlive(response) && !closed && !exchange.result.isDone()) {
            pool.giveBack(exchange.target, channel);
        } else {
            channel.close();
        }
        exchange.result.complete(answer);
    }

    /**
     * The connection closed or failed; its request, if it has one, is retried once when the
     * connection was a reused one (the peer may have closed it while it was idle in the pool).
     */
    void lost(Channel channel, IOException cause) {
        end(channel, cause, true);
    }

    /** The answer could not be read (too large, malformed): the request reached the peer, so it is not sent again. */
    void failed(Channel channel, IOException cause) {
        end(channel, cause, false);
    }

    private void end(Channel channel, IOException cause, boolean mayRetry) {
        Exchange exchange = channel.attr(EXCHANGE).getAndSet(null);
        if (exchange == null || exchange.result.isDone()) {
            return;
        }
        if (mayRetry && exchange.reused && !closed) {
            exchange.reused = false;
            connect(exchange);
        } else {
            exchange.result.completeExceptionally(cause);
        }
    }

    /** A pooled connection was idle too long. */
    void idle(Channel channel) {
        if (channel.attr(EXCHANGE).get() == null) {
            channel.close();
        }
    }

    void close() {
        closed = true;
        IOException stopped = new IOException("transport closed");
        for (CompletableFuture<TransportResponse> pending : List.copyOf(waiting)) {
            pending.completeExceptionally(stopped);
        }
        for (Channel channel : List.copyOf(open)) {
            channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    int openConnections() {
        return open.size();
    }

    /** One request and where its answer goes. */
    private static final class Exchange {
        final Endpoint target;
        final String path;
        final byte[] body;
        final CompletableFuture<TransportResponse> result;
        volatile boolean reused;

        Exchange(Endpoint target, String path, byte[] body, CompletableFuture<TransportResponse> result) {
            this.target = target;
            this.path = path;
            this.body = body;
            this.result = result;
        }
    }
}
