package io.dsn;

import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.support.NetworkExtension;
import io.dsn.support.RawPeer;
import io.dsn.support.Recorded;
import io.dsn.support.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** How a node behaves around failures, restarts, listeners and its own lifecycle, on real nodes over loopback. */
@ExtendWith(NetworkExtension.class)
class NodeBehaviourTest {

    private static final Duration SOON = Duration.ofSeconds(5);

    TestNetwork network;
    Path credentials;

    @BeforeEach
    void setUp(TestNetwork network) {
        this.network = network;
        this.credentials = network.credentials();
    }

    // ---- bootstrap ---------------------------------------------------------------------------------

    @Test
    void aDeadBootstrapEndpointIsSkippedForTheNextOne() throws IOException {
        DSNodeServer a = network.start("A");
        Endpoint dead = new Endpoint("127.0.0.1", deadPort());

        DSNodeServer b = network.start(network.withBootstrap(c -> c, "B", dead, a.endpoint()));

        assertThat(b.peers()).containsExactlyInAnyOrder("A", "B");
        assertThat(b.node().peerInfo("A")).hasValueSatisfying(info ->
                assertThat(info.endpoint()).isEqualTo(a.endpoint()));
    }

    @Test
    void aNodeStartedBeforeItsBootstrapJoinsOnceTheBootstrapAppears() throws IOException {
        int port = deadPort();

        DSNodeServer b = network.start(network.withBootstrap(c -> c, "B", new Endpoint("127.0.0.1", port)));
        assertThat(b.peers()).containsExactly("B");

        DSNodeServer a = network.start(network.config("A").port(port).build());
        assertThat(a.endpoint().port()).isEqualTo(port);

        await().atMost(SOON).untilAsserted(() -> {
            assertThat(b.peers()).containsExactlyInAnyOrder("A", "B");
            assertThat(a.peers()).containsExactlyInAnyOrder("A", "B");
        });
        a.updateData("k", "late");
        await().atMost(SOON).untilAsserted(() -> assertThat(b.readData("A", "k")).contains("late"));
    }

    // ---- latest-only, per-peer delivery ------------------------------------------------------------

    @Test
    void aPeerThatNeverAnswersDoesNotSlowDeliveryToTheOthers() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            DSNodeServer a = network.start(network.config("A").requestTimeout(Duration.ofSeconds(10)).build());
            DSNodeServer b = network.start("B", a);
            assertThat(a.peers()).contains("B");

            assertThat(sayHello(a, "ghost", hole.port())).isEqualTo(200);
            assertThat(a.peers()).containsExactlyInAnyOrder("A", "B", "ghost");

            // The first write reaches the black hole, which holds A's UPDATE unanswered (A waits 10 s for it).
            long started = System.nanoTime();
            a.updateData("counter", "0");
            await().atMost(Duration.ofSeconds(2)).until(() -> hole.holdsOpenRequest("POST /update"));

            for (int i = 1; i < 20; i++) {
                a.updateData("counter", Integer.toString(i));
            }

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(b.readData("A", "counter")).contains("19"));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("20 writes and their delivery to B, far less than one timeout towards the ghost")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(hole.holdsOpenRequest("POST /update"))
                    .as("the black hole still holds A's unanswered UPDATE").isTrue();
        }
    }

    @Test
    void aMultiKeyUpdateIsSeenWhole() throws Exception {
        DSNodeServer a = network.start("A");
        Recorded b = network.startRecorded(network.config("B", a).build());
        assertThat(a.peers()).contains("B");

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    a.updateData(Map.of("temperature", "t" + i, "timestamp", "s" + i));
                }
            } catch (Throwable t) {
                writerFailure.set(t);
            } finally {
                writing.set(false);
            }
        }, "multi-key-writer");
        writer.start();

        int reads = 0;
        while (writing.get() || reads == 0) {
            Map<String, String> seen = b.server().node().state("A");
            assertSameIndex(seen);
            reads++;
        }
        writer.join(5000);
        assertThat(writerFailure.get()).isNull();

        await().atMost(SOON).untilAsserted(() ->
                assertThat(b.server().node().state("A")).containsEntry("temperature", "t49").containsEntry("timestamp", "s49"));

        List<PeerStateChanged> changes = b.eventsOf(PeerStateChanged.class).stream()
                .filter(e -> e.nodeId().equals("A")).toList();
        assertThat(changes).isNotEmpty();
        for (PeerStateChanged change : changes) {
            assertThat(change.current()).containsKeys("temperature", "timestamp");
            assertSameIndex(change.current());
            assertThat(change.changedKeys()).containsExactlyInAnyOrder("temperature", "timestamp");
            if (!change.previous().isEmpty()) {
                assertSameIndex(change.previous());
            }
        }
        assertThat(changes).anySatisfy(change -> assertThat(change.current()).containsEntry("temperature", "t49"));
    }

    private static void assertSameIndex(Map<String, String> state) {
        String temperature = state.get("temperature");
        String timestamp = state.get("timestamp");
        if (temperature == null && timestamp == null) {
            return;
        }
        assertThat(temperature).as("temperature in %s", state).isNotNull();
        assertThat(timestamp).as("timestamp in %s", state).isNotNull();
        assertThat(temperature.substring(1)).as("one update seen whole: %s", state).isEqualTo(timestamp.substring(1));
    }

    // ---- identity and lifecycle --------------------------------------------------------------------

    @Test
    void aRestartedNodeKeepsItsIdentityAndIsTakenBack() throws IOException {
        DSNodeServer a = network.start("A");
        DSNodeServer b = network.start("B", a);
        b.updateData("before", "restart");
        await().atMost(SOON).until(() -> a.readData("B", "before").isPresent());
        Path publicKey = credentials.resolve("B").resolve("B.pub");
        byte[] keyBefore = Files.readAllBytes(publicKey);
        assertThat(keyBefore).hasSize(64);

        b.stop();
        DSNodeServer again = network.start("B", a);

        // A refusing the restarted B (401 on its HELLO) would leave B alone.
        assertThat(again.peers()).containsExactlyInAnyOrder("A", "B");
        assertThat(Files.readAllBytes(publicKey)).isEqualTo(keyBefore);
        assertThat(Files.readAllBytes(credentials.resolve("A").resolve("B.pub")))
                .as("the key A pinned for B").isEqualTo(keyBefore);

        again.updateData("after", "restart");
        await().atMost(SOON).untilAsserted(() -> {
            assertThat(a.readData("B", "after")).contains("restart");
            assertThat(a.peers()).containsExactlyInAnyOrder("A", "B");
            assertThat(a.node().peerInfo("B")).hasValueSatisfying(info ->
                    assertThat(info.endpoint().port()).isEqualTo(again.endpoint().port()));
        });
    }

    @Test
    void nodesThatStillHaveEachOtherRejoinTheirBootstrapNodeWhenItComesBack() {
        DSNodeServer a = network.start("A");
        int port = a.endpoint().port();
        DSNodeServer b = network.start("B", a);
        DSNodeServer c = network.start("C", a);
        await().atMost(SOON).until(() -> b.peers().size() == 3 && c.peers().size() == 3);

        a.stop();
        await().atMost(SOON).until(() -> !b.peers().contains("A") && !c.peers().contains("A"));
        DSNodeServer back = network.start(network.config("A").port(port).build());

        await().atMost(SOON).untilAsserted(() -> {
            assertThat(back.peers()).containsExactlyInAnyOrder("A", "B", "C");
            assertThat(b.peers()).contains("A");
            assertThat(c.peers()).contains("A");
        });
    }

    @Test
    void aPeerThatRestartedAndForgotThisNodeIsGreetedAgainWhenItRefusesAnUpdate() {
        DSNodeServer a = network.start("A");
        int port = a.endpoint().port();
        // B pings rarely, so it still holds A as a peer when A comes back without any memory of B.
        DSNodeServer b = network.start(network.config("B", a).tickInterval(Duration.ofMinutes(5)).build());
        await().atMost(SOON).until(() -> a.peers().contains("B"));

        a.stop();
        DSNodeServer back = network.start(network.config("A").port(port).build());
        assertThat(back.peers()).containsExactly("A");
        b.updateData("after", "A restarted");

        await().atMost(SOON).untilAsserted(() -> {
            assertThat(back.peers()).containsExactlyInAnyOrder("A", "B");
            assertThat(back.readData("B", "after")).contains("A restarted");
        });
    }

    @Test
    void theNetworkKeyInUseIsAvailableToTheApplication() {
        DSNodeServer configured = network.start("configured");
        DSNodeServer generated = network.start(network.config("generated").aesKey(null).build());
        DSNodeServer plain = network.start(network.config("plain").aesKey(null).encryption(false).build());

        assertThat(configured.networkKey()).contains(network.networkKey());
        assertThat(generated.networkKey()).hasValueSatisfying(key -> assertThat(key).hasSize(64).isNotEqualTo(network.networkKey()));
        assertThat(plain.networkKey()).isEmpty();
    }

    @Test
    void stopFreesThePortAtOnceAndEndsEveryThread() throws IOException {
        String id = "stop-me-" + Long.toHexString(System.nanoTime());
        DSNodeServer node = network.start(id);
        DSNodeServer witness = network.start("witness", node);
        node.updateData("k", "v");
        await().atMost(SOON).until(() -> witness.readData(id, "k").isPresent());
        assertThat(threadsOf(id)).as("the node's threads while it runs")
                .anyMatch(name -> name.startsWith("dsn-tick-"))
                .anyMatch(name -> name.startsWith("dsn-serve-"))
                .anyMatch(name -> name.startsWith("dsn-answer-"))
                .anyMatch(name -> name.startsWith("dsn-events-"));
        int port = node.endpoint().port();

        node.stop();
        assertThat(node.isShutDown()).isTrue();
        DSNodeServer successor = network.start(network.config("successor").port(port).build());

        assertThat(successor.endpoint().port()).isEqualTo(port);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(threadsOf(id)).as("threads of the stopped node").isEmpty());
        node.stop(); // a second stop is harmless
    }

    @Test
    void stopEndsEveryThreadEvenWhileABackgroundJoinWaitsForAnAnswer() throws IOException {
        String id = "joiner-" + Long.toHexString(System.nanoTime());
        int port = deadPort();
        DSNodeServer node = network.start(network.withBootstrap(c -> c.requestTimeout(Duration.ofSeconds(10)),
                id, new Endpoint("127.0.0.1", port)));
        assertThat(node.peers()).containsExactly(id);
        try (BlackHole hole = new BlackHole(port)) {
            // The next tick retries the bootstrap, now into a server that never answers.
            await().atMost(SOON).until(() -> hole.holdsOpenRequest("POST /hello"));
            assertThat(threadsOf(id)).as("the node's threads while the join waits").isNotEmpty();

            node.stop();

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(threadsOf(id)).as("threads of the stopped node").isEmpty());
        }
    }

    @Test
    void stopEndsASendToNodeThatWaitsForAnAnswer() throws Exception {
        try (BlackHole hole = new BlackHole()) {
            DSNodeServer a = network.start(network.config("A").requestTimeout(Duration.ofSeconds(10)).build());
            assertThat(sayHello(a, "ghost", hole.port())).isEqualTo(200);
            CompletableFuture<String> sending = CompletableFuture.supplyAsync(() -> a.sendToNode("ghost", new byte[] {1}));
            await().atMost(SOON).until(() -> hole.holdsOpenRequest("POST /data"));

            a.stop();

            // The caller must not wait for ever: the send ends, with an exception, soon after stop.
            await().atMost(Duration.ofSeconds(2)).until(sending::isDone);
            assertThat(sending).isCompletedExceptionally();
        }
    }

    @Test
    void theSameNodeStartsAgainOnTheSamePortRightAway() throws IOException {
        DSNodeServer first = network.start("again");
        int port = first.endpoint().port();
        first.stop();

        DSNodeServer second = network.start(network.config("again").port(port).build());
        DSNodeServer peer = network.start("peer", second);

        assertThat(second.endpoint().port()).isEqualTo(port);
        assertThat(peer.peers()).containsExactlyInAnyOrder("again", "peer");
    }

    @Test
    void updateDataAfterStopThrowsButReadsStillWork() {
        DSNodeServer a = network.start("A");
        DSNodeServer b = network.start("B", a);
        a.updateData("mine", "1");
        b.updateData("theirs", "2");
        await().atMost(SOON).until(() -> a.readData("B", "theirs").isPresent());

        a.stop();

        assertThatThrownBy(() -> a.updateData("mine", "3"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("A").hasMessageContaining("stopped");
        assertThatThrownBy(() -> a.updateData(Map.of("mine", "3")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.node().removeData("mine"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(a.readData("A", "mine")).contains("1");
        assertThat(a.node().state("A")).containsExactly(Map.entry("mine", "1"));
        assertThat(a.readData("B", "theirs")).contains("2");
        assertThat(a.peers()).containsExactlyInAnyOrder("A", "B");
        assertThat(a.peerInfos()).extracting(PeerInfo::nodeId).containsExactly("A", "B");
    }

    @Test
    void readsOfUnknownNodesAndKeysAreEmptyAndSendingToAnUnknownNodeFails() {
        DSNodeServer a = network.start("A");
        DSNodeServer b = network.start("B", a);

        assertThat(a.readData("nobody", "k")).isEmpty();
        assertThat(a.readData("A", "missing")).isEmpty();
        assertThat(a.readData("B", "missing")).isEmpty();
        assertThat(a.node().state("nobody")).isEmpty();
        assertThat(a.node().peerInfo("nobody")).isEmpty();
        assertThat(b.readData("A", "")).isEmpty();

        assertThatThrownBy(() -> a.sendToNode("nobody", new byte[] {1}))
                .isInstanceOfSatisfying(UnknownPeerException.class, e -> assertThat(e.nodeId()).isEqualTo("nobody"))
                .hasMessageContaining("nobody");
    }

    // ---- listeners ---------------------------------------------------------------------------------

    @Test
    void aListenerThatThrowsDoesNotHurtTheNode() {
        AtomicInteger thrown = new AtomicInteger();
        DSNListener failing = event -> {
            thrown.incrementAndGet();
            throw new IllegalStateException("listener bug");
        };
        DSNListener failingWithError = event -> {
            throw new AssertionError("listener assertion");
        };
        List<DSNEvent> recorded = new CopyOnWriteArrayList<>();
        DSNodeServer a = network.start(network.config("A").build(), failing, failingWithError, recorded::add);

        DSNodeServer b = network.start("B", a);
        b.updateData("k", "v");

        await().atMost(SOON).untilAsserted(() -> {
            assertThat(recorded).contains(new PeerJoined("B", new Endpoint("127.0.0.1", b.endpoint().port())));
            assertThat(recorded).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(PeerStateChanged.class,
                    change -> assertThat(change.current()).containsEntry("k", "v")));
        });
        assertThat(thrown.get()).isGreaterThanOrEqualTo(2);
        assertThat(a.readData("B", "k")).contains("v");
        assertThat(b.sendToNode("A", new byte[] {7})).isEqualTo("OK");
        DSNodeServer c = network.start("C", a);
        assertThat(c.peers()).contains("A");
        await().atMost(SOON).untilAsserted(() -> assertThat(recorded).contains(new DataReceived("B", new byte[] {7})));
    }

    @Test
    void aListenerThatBlocksDoesNotHurtTheNode() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger heard = new AtomicInteger();
        DSNListener blocking = event -> {
            heard.incrementAndGet();
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        DSNodeServer a = network.start(network.config("A").build(), blocking);
        try {
            DSNodeServer b = network.start("B", a);
            assertThat(entered.await(5, TimeUnit.SECONDS)).as("the listener is blocked on an event").isTrue();

            b.updateData("k", "v1");
            await().atMost(SOON).untilAsserted(() -> assertThat(a.readData("B", "k")).contains("v1"));
            b.updateData("k", "v2");
            await().atMost(SOON).untilAsserted(() -> assertThat(a.readData("B", "k")).contains("v2"));
            a.updateData("mine", "x");
            await().atMost(SOON).untilAsserted(() -> assertThat(b.readData("A", "mine")).contains("x"));
            DSNodeServer c = network.start("C", a);
            assertThat(c.peers()).containsExactlyInAnyOrder("A", "B", "C");

            assertThat(heard.get()).as("the listener is still stuck on its first event").isEqualTo(1);
        } finally {
            release.countDown();
        }
        await().atMost(SOON).until(() -> heard.get() > 1);
    }

    // ---- network key -------------------------------------------------------------------------------

    @Test
    void aFirstNodeWithoutKeyGeneratesOneKeepsItAndOthersJoinWithIt() throws IOException {
        DSNodeConfig config = network.config("keyless").aesKey(null).build();
        DSNodeServer first = network.start(config);

        Path keyFile = credentials.resolve("keyless").resolve("network-key.hex");
        assertThat(keyFile).isRegularFile();
        String key = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
        assertThat(key).matches("[0-9a-fA-F]{64}").isNotEqualToIgnoringCase(network.networkKey());
        byte[] stored = Files.readAllBytes(keyFile);

        first.stop();
        DSNodeServer restarted = network.start(config);
        assertThat(Files.readAllBytes(keyFile)).as("the key file after a restart").isEqualTo(stored);

        DSNodeServer joiner = network.start(network.config("joiner", restarted).aesKey(key).build());
        assertThat(joiner.peers()).containsExactlyInAnyOrder("keyless", "joiner");
        joiner.updateData("x", "1");
        await().atMost(SOON).untilAsserted(() -> assertThat(restarted.readData("joiner", "x")).contains("1"));

        // The restarted node really uses the stored key: a node with another key cannot join it.
        DSNodeServer outsider = network.start(network.config("outsider", restarted).build());
        assertThat(outsider.peers()).containsExactly("outsider");
    }

    @Test
    void withoutEncryptionTwoNodesWithoutKeyJoinAndExchange() {
        DSNodeServer a = network.start(network.config("A").aesKey(null).encryption(false).build());
        DSNodeServer b = network.start(network.config("B", a).aesKey(null).encryption(false).build());

        assertThat(b.peers()).containsExactlyInAnyOrder("A", "B");
        a.updateData("from-a", "1");
        b.updateData("from-b", "2");
        await().atMost(SOON).untilAsserted(() -> {
            assertThat(b.readData("A", "from-a")).contains("1");
            assertThat(a.readData("B", "from-b")).contains("2");
        });
        assertThat(credentials.resolve("A").resolve("network-key.hex")).as("no key generated without encryption").doesNotExist();

        // An encrypted node of the test network cannot join them.
        DSNodeServer encrypted = network.start("C", a);
        assertThat(encrypted.peers()).containsExactly("C");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A loopback port nobody listens on (it was free a moment ago). */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Names of the live threads that belong to a node (their names carry its id). */
    private static List<String> threadsOf(String nodeId) {
        String marker = "-" + nodeId + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains(marker))
                .toList();
    }

    /**
     * A raw peer with a made-up identity that advertises {@code advertisedPort} says a validly
     * signed HELLO to a node; the node's 200 answer must be its own HELLO.
     */
    private int sayHello(DSNodeServer target, String nodeId, int advertisedPort) {
        RawPeer raw = RawPeer.at(network, nodeId, new Endpoint("127.0.0.1", advertisedPort));
        RawPeer.Response response = raw.send(target.endpoint(), MessageType.HELLO, raw.signedHello().encode());
        if (response.status() == 200) {
            assertThat(HelloPacket.decode(response.payload()).nodeId()).isEqualTo(target.nodeId());
        }
        return response.status();
    }

    /** A loopback server that accepts connections, reads what it is sent, and never answers. */
    private static final class BlackHole implements AutoCloseable {

        /** One accepted connection: the bytes it received and whether the other side closed it. */
        private static final class Connection {
            final Socket socket;
            final StringBuffer received = new StringBuffer();
            volatile boolean closedByPeer;

            Connection(Socket socket) {
                this.socket = socket;
            }
        }

        private final ServerSocket server;
        private final List<Connection> connections = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        BlackHole() throws IOException {
            this(0);
        }

        BlackHole(int port) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            start(this::acceptLoop, "black-hole-accept");
        }

        int port() {
            return server.getLocalPort();
        }

        /** True while a connection that received a request starting with {@code requestLine} is still open. */
        boolean holdsOpenRequest(String requestLine) {
            return connections.stream().anyMatch(c -> !c.closedByPeer && c.received.indexOf(requestLine) >= 0);
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Connection connection = new Connection(server.accept());
                    connections.add(connection);
                    start(() -> read(connection), "black-hole-read");
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void read(Connection connection) {
            byte[] buffer = new byte[4096];
            try (InputStream in = connection.socket.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    connection.received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                connection.closedByPeer = true;
            } catch (IOException e) {
                connection.closedByPeer = true;
            }
        }

        private void start(Runnable task, String name) {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Connection connection : connections) {
                connection.socket.close();
            }
            for (Thread thread : threads) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
