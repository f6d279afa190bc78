package io.dsn.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dsn.DSNException;
import io.dsn.Endpoint;
import io.dsn.MessageType;
import io.dsn.PortInUseException;
import io.dsn.runtime.NamedThreads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 transport on the JDK's own server ({@code com.sun.net.httpserver}) with a bounded
 * executor, and {@code java.net.http.HttpClient} with keep-alive for sending.
 */
public final class HttpTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

    static {
        // The JDK server writes headers and body separately and leaves Nagle's algorithm on unless told
        // otherwise: with the client's delayed ACK, every answer would then wait about 40 ms.
        // Read once, when the JDK's server classes load: it must be set before the first HttpServer.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private static final int BACKLOG = 128;
    private static final int QUEUED_REQUESTS = 512;

    /**
     * The limit of requests that never carry a state or application data (HELLO, PEERS, PING,
     * unknown paths): anyone can send them, so they must not cost the node megabytes each.
     */
    static final int SMALL_BODY_LIMIT = 64 * 1024;

    private final int maxBodySize;
    private final int serverThreads;
    private final String threadName;
    private final ExecutorService clientExecutor;
    private final ExecutorService senders;
    private final HttpClient client;
    private final Set<CompletableFuture<TransportResponse>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private @Nullable HttpServer server;
    private @Nullable ThreadPoolExecutor serverExecutor;

    /**
     * @param maxBodySize the largest request body served, in bytes; larger ones get 413 (HELLO,
     *     PEERS and PING requests are held to 64 KiB, never more than this)
     * @param serverThreads the most requests served at once
     * @param connectTimeout how long a connection attempt may take
     * @param threadName a name for this transport's threads (the node id)
     */
    public HttpTransport(int maxBodySize, int serverThreads, Duration connectTimeout, String threadName) {
        this.maxBodySize = maxBodySize;
        this.serverThreads = serverThreads;
        this.threadName = threadName;
        this.clientExecutor = Executors.newCachedThreadPool(NamedThreads.daemon("dsn-client-" + threadName));
        this.senders = Executors.newCachedThreadPool(NamedThreads.daemon("dsn-send-" + threadName));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(clientExecutor)
                .build();
    }

    @Override
    public synchronized int listen(String bindAddress, int port, RequestHandler handler) {
        if (server != null) {
            throw new IllegalStateException("already listening on port " + server.getAddress().getPort());
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(bindAddress, port), BACKLOG);
        } catch (BindException e) {
            throw new PortInUseException(port, e);
        } catch (IOException e) {
            throw new DSNException("Cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        serverExecutor = new ThreadPoolExecutor(serverThreads, serverThreads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), NamedThreads.daemon("dsn-server-" + threadName),
                new ThreadPoolExecutor.CallerRunsPolicy());
        serverExecutor.allowCoreThreadTimeOut(true);
        created.setExecutor(serverExecutor);
        created.createContext("/", exchange -> serve(exchange, handler));
        created.start();
        server = created;
        return created.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, RequestHandler handler) {
        try {
            TransportResponse response;
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                response = TransportResponse.status(405);
            } else {
                byte[] body = readBody(exchange);
                if (body == null) {
                    // The rest of the body stays unread, so the connection cannot carry another request.
                    exchange.getResponseHeaders().set("Connection", "close");
                    response = TransportResponse.status(413);
                } else {
                    response = handleSafely(handler, exchange.getRequestURI().getPath(), body,
                            exchange.getRemoteAddress().getAddress().getHostAddress());
                }
            }
            byte[] body = response.body();
            if (body.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            }
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            log.debug("Connection from {} failed while serving it: {}", exchange.getRemoteAddress(), e.toString());
        } catch (RuntimeException e) {
            log.error("Unexpected error while serving {}", exchange.getRequestURI(), e);
        } finally {
            exchange.close();
        }
    }

    /** The body, or null when it is larger than the limit. */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        int limit = MessageType.fromPath(exchange.getRequestURI().getPath())
                .filter(MessageType::mayCarryLargeBody)
                .map(type -> maxBodySize)
                .orElse(Math.min(maxBodySize, SMALL_BODY_LIMIT));
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static TransportResponse handleSafely(RequestHandler handler, String path, byte[] body, String remote) {
        try {
            return handler.handle(path, body, remote);
        } catch (RuntimeException e) {
            log.error("Bug while handling {} from {}", path, remote, e);
            return TransportResponse.status(500);
        }
    }

    @Override
    public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
        URI uri;
        try {
            uri = new URI("http", null, target.address(), target.port(), path, null, null);
        } catch (java.net.URISyntaxException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        inFlight.add(result);
        if (closed) {
            inFlight.remove(result);
            return CompletableFuture.failedFuture(new IOException("transport closed"));
        }
        try {
            // The blocking send on a pool of our own, not sendAsync: on machines with two cores or
            // fewer, sendAsync hands every completion to a new thread (CompletableFuture's default
            // executor has no pool there), which doubled the CPU cost of a message.
            senders.execute(() -> exchange(request, result));
        } catch (RejectedExecutionException e) {
            inFlight.remove(result);
            result.completeExceptionally(new IOException("transport closed", e));
        }
        return result;
    }

    private void exchange(HttpRequest request, CompletableFuture<TransportResponse> result) {
        try {
            HttpResponse<byte[]> response = client.send(request, BoundedBody.handler(maxBodySize));
            result.complete(new TransportResponse(response.statusCode(), response.body()));
        } catch (InterruptedException e) {
            result.completeExceptionally(e);
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            inFlight.remove(result);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        // The client's executor is shut down below, so requests in flight would never complete: fail them now.
        IOException stopped = new IOException("transport closed");
        for (CompletableFuture<TransportResponse> pending : List.copyOf(inFlight)) {
            pending.completeExceptionally(stopped);
        }
        inFlight.clear();
        if (server != null) {
            server.stop(0);
            server = null;
            serverExecutor.shutdownNow();
        }
        senders.shutdownNow();
        clientExecutor.shutdownNow();
        // HttpClient has close() from Java 21 on; on 17 its selector thread ends once the client is collected.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Closing the HTTP client failed", e);
            }
        }
    }

    /** A response body handler that refuses bodies over a size limit. */
    private static final class BoundedBody {

        static HttpResponse.BodyHandler<byte[]> handler(int limit) {
            return info -> {
                long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (length > limit) {
                    return HttpResponse.BodySubscribers.replacing(null);
                }
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                        bytes -> bytes.length > limit ? null : bytes);
            };
        }
    }
}
