package io.dsn.transport;

import io.dsn.Endpoint;
import io.dsn.internal.protocol.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server half of {@link HttpTransport} against clients that misbehave: slow, stalled, too
 * many, too large. Each test checks that the hostile connections are shed and that an honest
 * client is answered all along.
 */
class HttpTransportServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] ANSWER = "answer".getBytes(StandardCharsets.UTF_8);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private HttpTransport transport(int serverThreads, TransportLimits limits) {
        HttpTransport transport = new HttpTransport("test", 1024 * 1024, serverThreads, Duration.ofSeconds(2), limits);
        opened.add(transport);
        return transport;
    }

    /** Serves as a node does, with the protocol's body limit of each path. */
    private int serve(HttpTransport transport) {
        return transport.listen("127.0.0.1", 0, answering(MessageType::bodyLimitOf));
    }

    /** Counts the requests it handles and answers each 200 with {@link #ANSWER}; takes bodies up to {@code limits}. */
    private RequestHandler answering(ToIntFunction<String> limits) {
        return new RequestHandler() {
            @Override
            public TransportResponse handle(String path, byte[] body, String remoteAddress) {
                handled.incrementAndGet();
                return new TransportResponse(200, ANSWER);
            }

            @Override
            public int bodyLimit(String path) {
                return limits.applyAsInt(path);
            }
        };
    }

    private RawConnection connect(int port) throws IOException {
        return connect("127.0.0.1", port);
    }

    private RawConnection connect(String from, int port) throws IOException {
        RawConnection connection = RawConnection.open(from, port);
        opened.add(connection);
        return connection;
    }

    /** An honest exchange through a separate client transport: answered 200 with the handler's body. */
    private void assertHonestExchange(HttpTransport client, int port) {
        TransportResponse response = client.send(new Endpoint("127.0.0.1", port), "/ping", new byte[16], Duration.ofSeconds(2))
                .orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(response).isEqualTo(new TransportResponse(200, ANSWER));
    }

    @Test
    void answersRequestsOneAfterAnotherOnOneKeptAliveConnection() throws IOException {
        int port = serve(transport(2, TransportLimits.DEFAULTS));
        RawConnection connection = connect(port);

        for (int i = 0; i < 3; i++) {
            assertThat(connection.post("/ping", new byte[] {1, 2, 3}).readStatus()).isEqualTo(200);
        }
        assertThat(handled).hasValue(3);
    }

    @Test
    void acceptsChunkedBodiesAndHttp10Requests() throws IOException {
        AtomicReference<byte[]> received = new AtomicReference<>();
        HttpTransport transport = transport(2, TransportLimits.DEFAULTS);
        int port = transport.listen("127.0.0.1", 0, (path, body, remote) -> {
            received.set(body);
            return new TransportResponse(200, ANSWER);
        });

        RawConnection chunked = connect(port);
        chunked.write("POST /update HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertThat(chunked.readStatus()).isEqualTo(200);
        assertThat(received.get()).isEqualTo("abcde".getBytes(StandardCharsets.US_ASCII));

        RawConnection http10 = connect(port);
        http10.write("POST /ping HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi");
        assertThat(http10.readStatus()).isEqualTo(200);
        await().atMost(WAIT).until(http10::closedByServer);
    }

    @Test
    void otherMethodsAndUnparsableRequestsAreRefusedAndTheConnectionClosed() throws IOException {
        HttpTransport transport = transport(2, TransportLimits.DEFAULTS);
        int port = serve(transport);

        RawConnection get = connect(port);
        get.write("GET /ping HTTP/1.1\r\nHost: t\r\n\r\n");
        String head = get.readHead();
        assertThat(head).startsWith("HTTP/1.1 405").containsIgnoringCase("allow: POST");

        RawConnection garbage = connect(port);
        garbage.write("POST /ping HTTP/1.1\r\nContent-Length: nope\r\n\r\n");
        assertThat(garbage.readStatus()).isEqualTo(400);

        assertThat(handled).hasValue(0);
        assertHonestExchange(transport(1, TransportLimits.DEFAULTS), port);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsAnswered413AtOnceWithoutReadingIt() throws IOException {
        int port = serve(transport(2, TransportLimits.DEFAULTS));

        RawConnection stalled = connect(port);
        stalled.write("POST /update HTTP/1.1\r\nHost: t\r\nContent-Length: " + 100 * 1024 * 1024 + "\r\n\r\n");
        assertThat(stalled.readHead()).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");

        // HELLO, PEERS and PING are held to the 64 KiB the node's handler asks for, whatever the transport's limit
        RawConnection ping = connect(port);
        ping.write("POST /ping HTTP/1.1\r\nHost: t\r\nContent-Length: " + (64 * 1024 + 1) + "\r\n\r\n");
        assertThat(ping.readStatus()).isEqualTo(413);

        RawConnection chunked = connect(port);
        chunked.write("POST /hello HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = Integer.toHexString(16 * 1024) + "\r\n" + "x".repeat(16 * 1024) + "\r\n";
        for (int i = 0; i < 5; i++) {
            chunked.write(chunk);
        }
        assertThat(chunked.readStatus()).as("a chunked body is refused once it passes the limit").isEqualTo(413);
        assertThat(handled).hasValue(0);
    }

    @Test
    void slowAndStalledConnectionsBeyondTheWorkerCountAreShedWhileHonestRequestsAreAnswered() throws IOException {
        TransportLimits limits = TransportLimits.DEFAULTS.withRequestHeadTimeout(Duration.ofMillis(500))
                .withRequestReadTimeout(Duration.ofSeconds(1));
        int serverThreads = 2;
        int port = serve(transport(serverThreads, limits));
        HttpTransport client = transport(1, TransportLimits.DEFAULTS);

        List<RawConnection> hostile = new ArrayList<>();
        for (int i = 0; i < 4 * serverThreads; i++) {
            hostile.add(connect(port).write("POST /update HT"));                      // a head, trickled
            hostile.add(connect(port).write("\r\n"));                                  // just a line end
            hostile.add(connect(port).write("POST /update HTTP/1.1\r\nContent-Length: 100000\r\n\r\nsome"));
        }

        for (int i = 0; i < 20; i++) {
            assertHonestExchange(client, port);
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(hostile).as("every slow connection is closed").allMatch(RawConnection::closedByServer));
        assertHonestExchange(client, port);
        assertThat(handled).hasValue(21);
    }

    @Test
    void aConnectionWithoutRequestsIsClosedAfterTheIdleTimeout() throws IOException {
        TransportLimits limits = TransportLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(300));
        int port = serve(transport(2, limits));
        RawConnection used = connect(port);
        assertThat(used.post("/ping", new byte[1]).readStatus()).isEqualTo(200);
        RawConnection silent = connect(port);

        await().atMost(WAIT).until(() -> silent.closedByServer() && used.closedByServer());
    }

    @Test
    void aConnectionThatSendsNoRequestIsClosedAfterTheHeadTimeoutEvenWithALongIdleTimeout() throws IOException {
        TransportLimits limits = TransportLimits.DEFAULTS.withIdleTimeout(Duration.ofHours(1))
                .withRequestHeadTimeout(Duration.ofMillis(300));
        int port = serve(transport(2, limits));
        RawConnection used = connect(port);
        assertThat(used.post("/ping", new byte[1]).readStatus()).isEqualTo(200);
        RawConnection silent = connect(port);

        await().atMost(WAIT).until(silent::closedByServer);
        assertThat(used.post("/ping", new byte[1]).readStatus()).as("a used connection is kept").isEqualTo(200);
    }

    @Test
    void connectionsPastTheLimitsAreClosedAsTheyArriveAndTheOthersKeepWorking() throws IOException {
        TransportLimits limits = TransportLimits.DEFAULTS.withMaxConnections(5).withMaxConnectionsPerAddress(3);
        HttpTransport server = transport(2, limits);
        int port = serve(server);

        List<RawConnection> first = List.of(connect(port), connect(port), connect(port));
        await().atMost(WAIT).until(() -> server.servedConnections() == 3);
        RawConnection fourthFromOneAddress = connect(port);
        await().atMost(WAIT).until(fourthFromOneAddress::closedByServer);

        RawConnection other1 = connect("127.0.0.2", port);
        RawConnection other2 = connect("127.0.0.2", port);
        await().atMost(WAIT).until(() -> server.servedConnections() == 5);
        RawConnection sixth = connect("127.0.0.3", port);
        await().atMost(WAIT).until(sixth::closedByServer);

        for (RawConnection admitted : List.of(first.get(0), first.get(1), first.get(2), other1, other2)) {
            assertThat(admitted.post("/ping", new byte[1]).readStatus()).isEqualTo(200);
        }
        first.get(0).close();
        await().atMost(WAIT).until(() -> server.servedConnections() == 4);
        assertThat(connect(port).post("/ping", new byte[1]).readStatus()).as("a freed place is taken again").isEqualTo(200);
    }

    @Test
    void requestsPastTheLimitInFlightAreAnswered503AndTheOthersComplete() throws Exception {
        TransportLimits limits = TransportLimits.DEFAULTS.withMaxRequestsInFlight(2);
        HttpTransport server = transport(4, limits);
        CountDownLatch release = new CountDownLatch(1);
        int port = server.listen("127.0.0.1", 0, (path, body, remote) -> {
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new TransportResponse(200, ANSWER);
        });
        HttpTransport client = transport(1, TransportLimits.DEFAULTS);
        Endpoint target = new Endpoint("127.0.0.1", port);

        List<CompletableFuture<TransportResponse>> held = List.of(
                client.send(target, "/update", new byte[8], WAIT), client.send(target, "/update", new byte[8], WAIT));
        await().atMost(WAIT).until(() -> server.requestsInFlight() == 2);
        TransportResponse third = client.send(target, "/update", new byte[8], WAIT).orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(third.status()).isEqualTo(503);
        release.countDown();
        for (CompletableFuture<TransportResponse> response : held) {
            assertThat(response.orTimeout(5, TimeUnit.SECONDS).join().status()).isEqualTo(200);
        }
    }

    @Test
    void theTransportKnowsNoMessageTypeOnlyTheLimitItsHandlerGivesForAPath() throws IOException {
        HttpTransport server = transport(2, TransportLimits.DEFAULTS);
        int port = server.listen("127.0.0.1", 0, answering(path -> path.equals("/small") ? 100 : Integer.MAX_VALUE));

        assertThat(connect(port).post("/small", new byte[101]).readStatus()).isEqualTo(413);
        assertThat(connect(port).post("/small", new byte[100]).readStatus()).isEqualTo(200);
        assertThat(connect(port).post("/ping", new byte[64 * 1024 + 1]).readStatus())
                .as("a path the handler does not limit is held to the transport's limit only").isEqualTo(200);
        assertThat(connect(port).post("/ping", new byte[1024 * 1024 + 1]).readStatus()).isEqualTo(413);
        assertThat(handled).hasValue(2);
    }

    @Test
    void bodiesPastTheBudgetOfBufferedBytesAreAnswered503WhileSmallRequestsGoOn() throws IOException {
        int budget = 1024 * 1024;
        HttpTransport server = transport(2, TransportLimits.DEFAULTS.withMaxBufferedBytes(budget));
        int port = serve(server);

        RawConnection declaredOnly = connect(port);
        declaredOnly.write("POST /update HTTP/1.1\r\nHost: t\r\nContent-Length: " + budget + "\r\n\r\n");
        RawConnection sending = connect(port);
        sending.write("POST /update HTTP/1.1\r\nHost: t\r\nContent-Length: " + (budget - 100) + "\r\n\r\n");
        sending.write(new byte[budget - 200]);
        await().atMost(WAIT).until(() -> server.bodyBudgetAvailable() == 200);

        assertThat(connect(port).post("/update", new byte[300]).readStatus()).isEqualTo(503);
        assertThat(connect(port).post("/update", new byte[150]).readStatus()).as("within what is left").isEqualTo(200);
        assertThat(connect(port).post("/ping", new byte[50 * 1024]).readStatus())
                .as("small requests need no budget").isEqualTo(200);

        sending.close();
        await().atMost(WAIT).until(() -> server.bodyBudgetAvailable() == budget);
        assertThat(connect(port).post("/update", new byte[300]).readStatus()).isEqualTo(200);
    }

    @Test
    void theHandlerRunsOnTheServingPoolNeverOnAnEventLoop() {
        AtomicReference<String> thread = new AtomicReference<>();
        HttpTransport server = transport(2, TransportLimits.DEFAULTS);
        int port = server.listen("127.0.0.1", 0, (path, body, remote) -> {
            thread.set(Thread.currentThread().getName());
            return TransportResponse.status(204);
        });

        transport(1, TransportLimits.DEFAULTS).send(new Endpoint("127.0.0.1", port), "/ping", new byte[1], WAIT)
                .orTimeout(5, TimeUnit.SECONDS).join();

        assertThat(thread.get()).startsWith("dsn-serve-test-");
    }

    @Test
    void closingFreesThePortAndEndsTheConnections() throws IOException {
        HttpTransport server = transport(2, TransportLimits.DEFAULTS);
        int port = serve(server);
        RawConnection connection = connect(port);
        await().atMost(WAIT).until(() -> server.servedConnections() == 1);

        server.close();

        assertThat(connection.closedByServer()).isTrue();
        HttpTransport successor = transport(2, TransportLimits.DEFAULTS);
        assertThat(successor.listen("127.0.0.1", port, (path, body, remote) -> TransportResponse.status(200)))
                .isEqualTo(port);
    }
}
