package io.dsn.benchmarks.jmh;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.crypto.Signatures;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.transport.RequestHandler;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server side of one UPDATE, without sockets: decrypt, decode, verify, parse, store.
 *
 * <ul>
 *   <li>{@code composed}: the same public steps a node takes, one after the other, into a map.</li>
 *   <li>{@code node}: a real node's request handler, the very code the HTTP server
 *       calls, with news every time: it also builds the PeerStateChanged event, queues it, and
 *       answers with its own encrypted state.</li>
 *   <li>{@code nodeStale}: the same node given an older state, which it verifies and then
 *       ignores (the cost of a gossip UPDATE that brings nothing new).</li>
 * </ul>
 *
 * A node takes a state as news when it is not older and its data differs, so two states with the
 * same timestamp and different data, sent in turn, are news every time; timestamps cannot
 * strictly increase forever in a benchmark whose signatures are made in the setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UpdatePathBenchmark {

    private static final String READER = "reader";

    private NetworkCipher cipher;
    private byte[] writerPublicKey;
    private byte[][] newsBodies;
    private byte[] staleBody;
    private int next;
    private final Map<String, Stored> store = new ConcurrentHashMap<>();

    private Path credentialDir;
    private DSNodeServer server;
    private RequestHandler handler;

    /** What the composed path keeps per peer. */
    private record Stored(double lastUpdate, Map<String, String> data) {
    }

    @Setup
    public void setUp() throws IOException {
        NetworkKey networkKey = Fixtures.networkKey();
        cipher = NetworkCipher.aes(networkKey);
        NodeKeyPair writer = Fixtures.keyPair();
        writerPublicKey = writer.publicKey();

        Map<String, String> first = Fixtures.typicalState();
        Map<String, String> second = new LinkedHashMap<>(first);
        second.put("temperature", "21.6");
        newsBodies = new byte[][] {
                updateBody(writer, Fixtures.TIMESTAMP, first),
                updateBody(writer, Fixtures.TIMESTAMP, second),
        };
        staleBody = updateBody(writer, Fixtures.TIMESTAMP - 1, first);

        credentialDir = Files.createTempDirectory("dsn-jmh-");
        DSNodeConfig config = DSNodeConfig.builder()
                .nodeId(READER)
                .port(0)
                .aesKey(networkKey.toHex())
                .credentialDir(credentialDir)
                .tickInterval(Duration.ofHours(1))   // no heartbeat while measuring
                .build();
        NoNetwork noNetwork = new NoNetwork();
        server = DSNodeServer.builder(config).transport(noNetwork).start();
        handler = noNetwork.handler;

        // The writer introduces itself, so its key is pinned and it is in the address book.
        byte[] hello = Fixtures.body(cipher, MessageType.HELLO,
                Fixtures.signedHello(writer, Fixtures.WRITER, new Endpoint("127.0.0.1", 2)).encode());
        expect(handler.handle("/hello", hello, "127.0.0.1"), true, "HELLO");
        expect(node(), true, "first UPDATE");
        expect(node(), true, "second UPDATE");
        expect(nodeStale(), false, "stale UPDATE");
    }

    @TearDown
    public void tearDown() throws IOException {
        server.stop();
        try (Stream<Path> files = Files.walk(credentialDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Benchmark
    public Stored composed() throws DecryptionException {
        byte[] payload = Envelope.open(MessageType.UPDATE, cipher.decrypt(nextBody()))
                .orElseThrow(() -> new IllegalStateException("not an UPDATE"));
        StatePacket packet = StatePacket.decode(payload);
        if (!Signatures.verify(writerPublicKey, packet.signedPart(), packet.signature())) {
            throw new IllegalStateException("bad signature");
        }
        Map<String, String> data = PythonJson.parseState(packet.stateJson());
        Stored offered = new Stored(packet.lastUpdate(), data);
        return store.merge(packet.nodeId(), offered, (held, news) -> held.lastUpdate() > news.lastUpdate() ? held : news);
    }

    @Benchmark
    public TransportResponse node() {
        return handler.handle("/update", nextBody(), "127.0.0.1");
    }

    @Benchmark
    public TransportResponse nodeStale() {
        return handler.handle("/update", staleBody, "127.0.0.1");
    }

    private byte[] nextBody() {
        next ^= 1;
        return newsBodies[next];
    }

    private byte[] updateBody(NodeKeyPair writer, double timestamp, Map<String, String> data) {
        return Fixtures.body(cipher, MessageType.UPDATE, Fixtures.signedState(writer, Fixtures.WRITER, timestamp, data).encode());
    }

    private static void expect(TransportResponse response, boolean withAnswer, String what) {
        // An answer holds the type byte and a state (more than one AES block); "nothing new" is one block.
        if (response.status() != 200 || (response.body().length > 16) != withAnswer) {
            throw new IllegalStateException(what + " got " + response + ", expected 200 " + (withAnswer ? "with" : "without") + " a state");
        }
    }

    /** The node never sends in this benchmark; if it tried, the send would fail at once. */
    private static final class NoNetwork implements Transport {
        private RequestHandler handler;

        @Override
        public int listen(String bindAddress, int port, RequestHandler handler) {
            this.handler = handler;
            return 1;
        }

        @Override
        public CompletableFuture<TransportResponse> send(Endpoint target, String path, byte[] body, Duration timeout) {
            return CompletableFuture.failedFuture(new ConnectException("no network in this benchmark"));
        }

        @Override
        public void close() {
        }
    }
}
