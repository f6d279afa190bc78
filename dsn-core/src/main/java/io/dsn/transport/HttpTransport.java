package io.dsn.transport;

import io.dsn.DSNSettingNaming;

import io.dsn.DSNException;
import io.dsn.Endpoint;
import io.dsn.PortInUseException;
import io.dsn.runtime.NodeThreads;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 on Netty, the way Python 0.6.7 nodes speak it: every message a POST whose body is the
 * encrypted packet. The network I/O runs on event loops shared by every transport of the JVM; the
 * node's own work (decrypting, verifying, applying, answering) runs on two small pools of this
 * transport, one for the requests it serves and one for the answers it receives, so that neither
 * can starve the other. Everything an outsider can make grow is bounded by {@link TransportLimits}.
 */
public final class HttpTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);
    private static final int BACKLOG = 1024;
    private static final Duration BIND_RETRY = Duration.ofSeconds(2);
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    private final int maxBodySize;
    private final TransportLimits limits;
    private final DSNSettingNaming naming;
    private final EventLoopGroup group;
    /** Threads that end when idle; the queues hold at most what the transport's limits let in. */
    private final ExecutorService serving;
    private final ExecutorService answering;
    private final ExecutorService resolving;
    private final HttpSender sender;
    private final ConnectionLimiter connections;
    private final BodyBudget bodyBudget;
    private final RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger(BoundedRequestReader.class));
    private final Set<Channel> served = ConcurrentHashMap.newKeySet();
    private @Nullable Channel server;
    private @Nullable RequestServer requestServer;
    private volatile boolean closed;

    /**
     * @param name a name for this transport's threads (the node id)
     * @param maxBodySize the largest request body served and answer body accepted, in bytes;
     *     larger requests get 413 (and requests on a path the node holds to less, {@link RequestHandler#bodyLimit},
     *     once over that)
     * @param serverThreads the most requests worked on at once
     * @param connectTimeout how long a connection attempt may take
     * @param limits the bounds on connections, requests and time
     */
    public HttpTransport(String name, int maxBodySize, int serverThreads, Duration connectTimeout, TransportLimits limits) {
        this(name, maxBodySize, serverThreads, connectTimeout, limits, NodeThreads.platform());
    }

    /**
     * A transport whose pools take their threads from {@code threads}; see
     * {@link #HttpTransport(String, int, int, Duration, TransportLimits)}.
     */
    public HttpTransport(String name, int maxBodySize, int serverThreads, Duration connectTimeout, TransportLimits limits,
                         NodeThreads threads) {
        this(name, maxBodySize, serverThreads, connectTimeout, limits, threads, DSNSettingNaming.PYTHON_KEYS);
    }

    /**
     * A transport whose logs and errors name the limits as {@code naming} does (the node's
     * {@link io.dsn.DSNodeConfig#settingNaming()}); see {@link #HttpTransport(String, int, int, Duration, TransportLimits)}.
     */
    public HttpTransport(String name, int maxBodySize, int serverThreads, Duration connectTimeout, TransportLimits limits,
                         NodeThreads threads, DSNSettingNaming naming) {
        this.naming = naming;
        this.maxBodySize = maxBodySize;
        this.limits = limits;
        this.serving = threads.newExecutor("dsn-serve-" + name, serverThreads);
        this.answering = threads.newExecutor("dsn-answer-" + name, Math.max(2, serverThreads / 2));
        this.resolving = threads.newExecutor("dsn-resolve-" + name, 2);
        this.bodyBudget = new BodyBudget(Math.max(limits.maxBufferedBytes(), maxBodySize));
        this.connections = new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerAddress(), naming);
        this.group = SharedEventLoops.acquire();
        this.sender = new HttpSender(group, answering, resolving, maxBodySize, connectTimeout, limits, naming);
    }

    @Override
    public synchronized int listen(String bindAddress, int port, RequestHandler handler) {
        if (closed) {
            throw new IllegalStateException("transport closed");
        }
        if (server != null) {
            throw new IllegalStateException("already listening on port " + ((InetSocketAddress) server.localAddress()).getPort());
        }
        RequestServer answeringRequests = new RequestServer(handler, serving, limits.maxRequestsInFlight(), bodyBudget, naming);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (closed) {
                            channel.close(); // accepted as the transport closed
                            return;
                        }
                        served.add(channel);
                        channel.closeFuture().addListener(closedFuture -> served.remove(channel));
                        channel.pipeline().addLast(
                                connections,
                                new RequestDeadlines(limits.requestHeadTimeout(), limits.requestReadTimeout(),
                                        limits.idleTimeout()),
                                // An answer the client does not take in time frees its connection and memory.
                                new WriteTimeoutHandler(limits.requestReadTimeout().toMillis(), TimeUnit.MILLISECONDS),
                                new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE),
                                new FlowControlHandler(),
                                new BoundedRequestReader(maxBodySize, handler, bodyBudget, refusals, naming),
                                answeringRequests);
                    }
                });
        ChannelFuture bound = bind(bootstrap, bindAddress, port);
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            if (cause instanceof BindException) {
                throw new PortInUseException(port, cause);
            }
            throw new DSNException("Cannot listen on " + bindAddress + ":" + port + ": " + cause.getMessage(), cause);
        }
        server = bound.channel();
        requestServer = answeringRequests;
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Binds, and for a given port tries again for a moment while it is taken: a node started
     * again on its port right after a stop may find the old connections on it still closing.
     */
    private static ChannelFuture bind(ServerBootstrap bootstrap, String bindAddress, int port) {
        long giveUpAt = System.nanoTime() + BIND_RETRY.toNanos();
        while (true) {
            ChannelFuture bound = bootstrap.bind(bindAddress, port).awaitUninterruptibly();
            if (bound.isSuccess() || port == 0 || !(bound.cause() instanceof BindException)
                    || System.nanoTime() - giveUpAt >= 0) {
                return bound;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return bound;
            }
        }
    }

    @Override
    public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
        return sender.send(target, path, body, timeout);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close().awaitUninterruptibly();
        }
        for (Channel channel : List.copyOf(served)) {
            channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        sender.close();
        serving.shutdownNow();
        // The failed requests' callers hear of it through tasks queued here: run them, never drop them.
        answering.shutdownNow().forEach(Runnable::run);
        resolving.shutdownNow();
        SharedEventLoops.release();
        log.debug("HTTP transport closed");
    }

    /** Connections this transport serves now, for tests. */
    int servedConnections() {
        return served.size();
    }

    /** Connections this transport opened to others now, for tests. */
    int openedConnections() {
        return sender.openConnections();
    }

    /** Bytes of the body budget not held by any request now, for tests. */
    long bodyBudgetAvailable() {
        return bodyBudget.available();
    }

    /** Requests being answered now, for tests. */
    int requestsInFlight() {
        return requestServer == null ? 0 : requestServer.inFlight();
    }
}
