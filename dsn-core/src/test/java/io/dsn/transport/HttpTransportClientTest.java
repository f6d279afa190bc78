package io.dsn.transport;

import io.dsn.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client half of {@link HttpTransport}: connection reuse, what a Python server answers, and its own limits. */
class HttpTransportClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private HttpTransport transport(int maxBodySize, TransportLimits limits) {
        HttpTransport transport = new HttpTransport("client", maxBodySize, 2, Duration.ofSeconds(2), limits);
        opened.add(transport);
        return transport;
    }

    private static TransportResponse answerOf(CompletableFuture<TransportResponse> sent) {
        return sent.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /**
     * A server made of a plain socket that reads each request by its Content-Length and writes
     * what {@code answer} gives for the n-th connection; it closes a connection after answering
     * when {@code closeAfterAnswer}.
     */
    private Endpoint rawServer(Function<Integer, String> answer, boolean closeAfterAnswer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        opened.add(server);
        AtomicInteger connections = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    opened.add(socket);
                    int number = connections.incrementAndGet();
                    Thread serving = new Thread(() -> serveRaw(socket, answer.apply(number), closeAfterAnswer));
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return new Endpoint("127.0.0.1", server.getLocalPort());
    }

    private static void serveRaw(Socket socket, String answer, boolean closeAfterAnswer) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                in.readNBytes(length);
                if (answer.isEmpty()) {
                    continue; // never answers
                }
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (closeAfterAnswer) {
                    return;
                }
            }
        } catch (IOException ended) {
            // the test is over or the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void sequentialRequestsToOnePeerReuseOneConnection() {
        HttpTransport server = transport(1024 * 1024, TransportLimits.DEFAULTS);
        int port = server.listen("127.0.0.1", 0, (path, body, remote) -> new TransportResponse(200, body));
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS);
        Endpoint target = new Endpoint("127.0.0.1", port);

        for (int i = 0; i < 20; i++) {
            byte[] body = ("request " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(answerOf(client.send(target, "/ping", body, WAIT))).isEqualTo(new TransportResponse(200, body));
        }

        assertThat(server.servedConnections()).isEqualTo(1);
        assertThat(client.openedConnections()).isEqualTo(1);
    }

    @Test
    void idleConnectionsKeptForReuseNeverExceedMaxConnections() {
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS.withMaxConnections(2));
        List<Endpoint> targets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpTransport server = transport(1024 * 1024, TransportLimits.DEFAULTS);
            targets.add(new Endpoint("127.0.0.1",
                    server.listen("127.0.0.1", 0, (path, body, remote) -> new TransportResponse(200, body))));
        }

        for (Endpoint target : targets) {
            assertThat(answerOf(client.send(target, "/ping", new byte[1], WAIT)).status()).isEqualTo(200);
        }

        await().atMost(WAIT).until(() -> client.openedConnections() == 2);
        assertThat(answerOf(client.send(targets.get(0), "/ping", new byte[1], WAIT)).status()).isEqualTo(200);
    }

    @Test
    void anHttp10AnswerWithoutALengthIsReadToTheClose() throws IOException {
        Endpoint target = rawServer(n -> "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\nthe body", true);
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS);

        for (int i = 0; i < 3; i++) {
            assertThat(answerOf(client.send(target, "/ping", new byte[4], WAIT)))
                    .isEqualTo(new TransportResponse(200, "the body".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void aKeptAliveConnectionThePeerClosedMeanwhileIsReplacedWithoutFailingTheRequest() throws IOException {
        // Keep-alive announced, then the connection is closed anyway, as a server that ends idle connections does.
        Endpoint target = rawServer(n -> "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + (n % 10), true);
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS);

        for (int i = 0; i < 10; i++) {
            assertThat(answerOf(client.send(target, "/ping", new byte[4], WAIT)).status()).isEqualTo(200);
        }
    }

    @Test
    void anAnswerLargerThanTheBodyLimitFailsTheRequestWithAClearMessage() {
        HttpTransport server = transport(1024 * 1024, TransportLimits.DEFAULTS);
        int port = server.listen("127.0.0.1", 0, (path, body, remote) -> new TransportResponse(200, new byte[4096]));
        HttpTransport client = transport(2048, TransportLimits.DEFAULTS);

        assertThatThrownBy(() -> answerOf(client.send(new Endpoint("127.0.0.1", port), "/peers", new byte[4], WAIT)))
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("larger than this node's body limit");
    }

    @Test
    void requestsPastTheLimitPerPeerFailAtOnceAndTheOthersTimeOut() throws IOException {
        Endpoint silent = rawServer(n -> "", false);
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS.withMaxOutgoingPerPeer(3));

        List<CompletableFuture<TransportResponse>> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(client.send(silent, "/ping", new byte[4], Duration.ofMillis(500)));
        }

        assertThat(sent.subList(3, 5)).allSatisfy(refused -> assertThat(refused).isCompletedExceptionally());
        assertThatThrownBy(sent.get(4)::join).hasMessageContaining("limits.max_outgoing_per_peer");
        assertThat(sent.subList(0, 3)).allSatisfy(waiting -> assertThatThrownBy(() -> answerOf(waiting))
                .hasMessageContaining("no answer from " + silent));
        CompletableFuture<TransportResponse> afterwards = client.send(silent, "/ping", new byte[4], Duration.ofMillis(100));
        assertThatThrownBy(() -> answerOf(afterwards)).as("the time-outs gave their places back")
                .hasMessageContaining("no answer from");
    }

    @Test
    void answersAreHandedOverOnTheAnswerPoolNeverOnAnEventLoop() {
        HttpTransport server = transport(1024 * 1024, TransportLimits.DEFAULTS);
        int port = server.listen("127.0.0.1", 0, (path, body, remote) -> TransportResponse.status(200));
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS);
        AtomicReference<String> thread = new AtomicReference<>();

        client.send(new Endpoint("127.0.0.1", port), "/ping", new byte[4], WAIT)
                .thenRun(() -> thread.set(Thread.currentThread().getName()))
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();

        assertThat(thread.get()).startsWith("dsn-answer-client-");
    }

    @Test
    void closingFailsTheRequestsStillWaiting() throws IOException {
        Endpoint silent = rawServer(n -> "", false);
        HttpTransport client = transport(1024 * 1024, TransportLimits.DEFAULTS);
        CompletableFuture<TransportResponse> waiting = client.send(silent, "/ping", new byte[4], Duration.ofSeconds(30));

        client.close();

        assertThatThrownBy(() -> answerOf(waiting)).hasMessageContaining("transport closed");
        assertThat(client.send(silent, "/ping", new byte[4], WAIT)).isCompletedExceptionally();
    }
}
