package io.dsn.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;
import io.dsn.internal.protocol.SuspectPacket;
import io.dsn.runtime.NodeRuntime;
import io.dsn.transport.Transport;
import io.dsn.transport.TransportResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A fake peer driven by hand: it speaks the wire protocol to a real node, so a test chooses every
 * byte it sends. It holds a node id, a key pair, the network cipher and the endpoint it advertises
 * in its HELLO. It talks over HTTP to the nodes of a {@link TestNetwork}, or over the in-memory
 * network (in virtual time) to the nodes of a {@link SimulatedNetwork}.
 *
 * <p>A {@linkplain #listening listening} raw peer also answers the node's own requests so that
 * the node keeps it in its address book: HELLO with its own signed HELLO, everything else with
 * an empty payload, unless a test sets another {@link #answer answer}. It remembers every request
 * it {@linkplain #received() received}. A raw peer made with {@link #at} answers nothing, so the
 * node drops it at its first failed PING.
 */
public final class RawPeer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];

    /** How a listening raw peer answers one message type. */
    @FunctionalInterface
    public interface Answer {
        Reply answer(byte[] payload, String remoteAddress);
    }

    /** An answer: 200 with a payload (framed and encrypted on the way out), or another status without body. */
    public record Reply(int status, byte[] payload) {

        public static Reply ok(byte[] payload) {
            return new Reply(200, payload);
        }

        public static Reply status(int status) {
            return new Reply(status, EMPTY);
        }
    }

    /** A request this raw peer received: its type and its payload, decrypted and unframed. */
    public record Received(MessageType type, byte[] payload, String remoteAddress) {

        @Override
        public String toString() {
            return "Received[" + type + ", " + payload.length + " bytes from " + remoteAddress + "]";
        }
    }

    /** A request that got no answer at all (timed out, or nothing listens at the target). */
    public static final class NoAnswer extends RuntimeException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How requests leave this peer and reach it. */
    private interface Wire {
        Response post(Endpoint target, String path, byte[] body);

        Response request(Endpoint target, String method, String path);

        void close();
    }

    private final String nodeId;
    private final NodeKeyPair keys;
    private final NetworkCipher cipher;
    private final Endpoint endpoint;
    private final Wire wire;
    private final boolean ownsWire;
    private final Map<MessageType, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RawPeer(String nodeId, NodeKeyPair keys, NetworkCipher cipher, Endpoint endpoint, Wire wire,
                    boolean ownsWire) {
        this.nodeId = nodeId;
        this.keys = keys;
        this.cipher = cipher;
        this.endpoint = endpoint;
        this.wire = wire;
        this.ownsWire = ownsWire;
    }

    // ---- over HTTP, to the nodes of a TestNetwork ----

    /** A raw peer of the network that advertises {@code advertised} and answers nothing itself. */
    public static RawPeer at(TestNetwork network, String nodeId, Endpoint advertised) {
        return new RawPeer(nodeId, NodeKeyPair.generate(RANDOM), cipherOf(network), advertised, new HttpWire(null),
                true);
    }

    /**
     * A raw peer that listens on a loopback port of its own and answers the node's requests;
     * it is closed with the network.
     */
    public static RawPeer listening(TestNetwork network, String nodeId) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RawPeer peer = new RawPeer(nodeId, NodeKeyPair.generate(RANDOM), cipherOf(network),
                new Endpoint("127.0.0.1", server.getAddress().getPort()), new HttpWire(server), true);
        server.createContext("/", peer::answerHttp);
        server.start();
        return network.closeAtEnd(peer);
    }

    /** The network's cipher, from its hex key. */
    public static NetworkCipher cipherOf(TestNetwork network) {
        return NetworkCipher.aes(NetworkKey.parse(network.networkKey()));
    }

    // ---- over the in-memory network, to the nodes of a SimulatedNetwork ----

    /**
     * A raw peer on the in-memory network that advertises {@code advertised}, listens nowhere, and
     * sends from {@code fromAddress}.
     */
    static RawPeer at(SimulatedNetwork network, String nodeId, Endpoint advertised, String fromAddress) {
        Transport transport = network.network().transport(fromAddress);
        return new RawPeer(nodeId, NodeKeyPair.generate(network.runtime().secureRandom()), cipherOf(network),
                advertised, new MemoryWire(transport, network.runtime()), true);
    }

    /** A raw peer listening at an endpoint of the in-memory network of its own. */
    static RawPeer listening(SimulatedNetwork network, String nodeId) {
        Transport transport = network.network().transport();
        RawPeer[] self = new RawPeer[1];
        int port = transport.listen("0.0.0.0", 0, (path, body, remote) -> self[0].handle(path, body, remote));
        self[0] = new RawPeer(nodeId, NodeKeyPair.generate(network.runtime().secureRandom()), cipherOf(network),
                new Endpoint(io.dsn.transport.InMemoryNetwork.DEFAULT_ADDRESS, port),
                new MemoryWire(transport, network.runtime()), true);
        return self[0];
    }

    public static NetworkCipher cipherOf(SimulatedNetwork network) {
        return NetworkCipher.aes(NetworkKey.parse(network.networkKey()));
    }

    /** The same id, cipher, endpoint and way of sending with another key pair; answers nothing itself. */
    public RawPeer withKeys(NodeKeyPair otherKeys) {
        return new RawPeer(nodeId, otherKeys, cipher, endpoint, wire, false);
    }

    public String nodeId() {
        return nodeId;
    }

    public NodeKeyPair keys() {
        return keys;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public NetworkCipher cipher() {
        return cipher;
    }

    // ---- sending ----

    /** Posts a body exactly as given. */
    public Response post(Endpoint target, String path, byte[] rawBody) {
        return wire.post(target, path, rawBody);
    }

    /** Sends any method (for example GET) with no body; over HTTP only. */
    public Response request(Endpoint target, String method, String path) {
        return wire.request(target, method, path);
    }

    /**
     * Sends {@code encrypt(type || payload)} to the type's path. On 200 the answer is decrypted
     * and must start with the same type byte (an {@link AssertionError} otherwise).
     */
    public Response send(Endpoint target, MessageType type, byte[] payload) {
        Response response = post(target, type.path(), encrypt(type, payload));
        if (response.status() != 200) {
            return response;
        }
        byte[] plain;
        try {
            plain = cipher.decrypt(response.body());
        } catch (DecryptionException e) {
            throw new AssertionError("the 200 answer to " + type + " does not decrypt", e);
        }
        if (Envelope.open(type, plain).isEmpty()) {
            throw new AssertionError("the 200 answer to " + type + " does not start with its type byte: "
                    + Arrays.toString(plain));
        }
        return new Response(200, response.body(), plain);
    }

    /** {@code encrypt(type || payload)} with the network key. */
    public byte[] encrypt(MessageType type, byte[] payload) {
        return cipher.encrypt(frame(type, payload));
    }

    /** {@code type || payload}, not encrypted. */
    public static byte[] frame(MessageType type, byte[] payload) {
        return Envelope.frame(type, payload);
    }

    // ---- packets ----

    public HelloPacket signedHello() {
        return signedHello(HelloPacket.PROTOCOL_VERSION);
    }

    public HelloPacket signedHello(String version) {
        HelloPacket unsigned = new HelloPacket(version, nodeId, endpoint, keys.publicKey(), EMPTY, "");
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    /** A HELLO of another node id, advertising this peer's endpoint, signed with this peer's key: a new node to the receiver. */
    public HelloPacket signedHelloAs(String otherNodeId) {
        HelloPacket unsigned = new HelloPacket(HelloPacket.PROTOCOL_VERSION, otherNodeId, endpoint, keys.publicKey(), EMPTY, "");
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    /** A signed STATE of this peer with the state written as Python writes it. */
    public StatePacket signedState(double lastUpdate, Map<String, String> state) {
        return signedState(nodeId, lastUpdate, PythonJson.write(state));
    }

    /** A STATE with any node id and any JSON text, signed with this peer's key. */
    public StatePacket signedState(String stateNodeId, double lastUpdate, String stateJson) {
        StatePacket unsigned = new StatePacket(stateNodeId, lastUpdate, EMPTY, stateJson);
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    /** A PEERS request: this peer's id, its signature, no entries. */
    public PeersPacket signedPeersRequest() {
        return signedPeers(Map.of());
    }

    /** A PEERS packet of this peer listing {@code book}, signed: a request, or this peer's answer. */
    public PeersPacket signedPeers(Map<String, Endpoint> book) {
        PeersPacket unsigned = new PeersPacket(nodeId, EMPTY, book);
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    public SuspectPacket signedSuspect(String suspectId) {
        SuspectPacket unsigned = new SuspectPacket(nodeId, suspectId, EMPTY);
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    public DataPacket signedData(byte[] data) {
        DataPacket unsigned = new DataPacket(nodeId, EMPTY, data);
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    /**
     * A copy of a signature with one bit of {@code s} flipped: still 64 bytes, no longer valid
     * for the message. Use with a packet's {@code withSignature}.
     */
    public static byte[] tampered(byte[] signature) {
        byte[] copy = signature.clone();
        copy[copy.length - 1] ^= 0x01;
        return copy;
    }

    // ---- answering the node ----

    /** From now on, answers requests of this type this way (a listening raw peer only). */
    public RawPeer answer(MessageType type, Answer answer) {
        answers.put(type, answer);
        return this;
    }

    /** Every request this raw peer received, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests of one type this raw peer received, in order. */
    public List<Received> received(MessageType type) {
        return received.stream().filter(r -> r.type() == type).toList();
    }

    /** Answers one request: decrypt, unframe, record, answer as set for its type. */
    private TransportResponse handle(String path, byte[] body, String remoteAddress) {
        Optional<MessageType> type = MessageType.fromPath(path);
        if (type.isEmpty()) {
            return TransportResponse.status(404);
        }
        Optional<byte[]> payload;
        try {
            payload = Envelope.open(type.get(), cipher.decrypt(body));
        } catch (DecryptionException e) {
            payload = Optional.empty();
        }
        if (payload.isEmpty()) {
            return TransportResponse.status(400);
        }
        received.add(new Received(type.get(), payload.get(), remoteAddress));
        Answer set = answers.get(type.get());
        Reply reply = set != null ? set.answer(payload.get(), remoteAddress) : defaultAnswer(type.get(), remoteAddress);
        if (reply.status() != 200) {
            return TransportResponse.status(reply.status());
        }
        return new TransportResponse(200, encrypt(type.get(), reply.payload()));
    }

    /** HELLO: our signed HELLO; PING: nothing; UPDATE: "nothing new"; the rest: empty. */
    private Reply defaultAnswer(MessageType type, String remoteAddress) {
        return Reply.ok(type == MessageType.HELLO ? signedHello().withDetectedAddress(remoteAddress).encode() : EMPTY);
    }

    private void answerHttp(HttpExchange exchange) throws IOException {
        try {
            TransportResponse response = handle(exchange.getRequestURI().getPath(),
                    exchange.getRequestBody().readAllBytes(), exchange.getRemoteAddress().getAddress().getHostAddress());
            if (response.body().length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), response.body().length);
                exchange.getResponseBody().write(response.body());
            }
        } finally {
            exchange.close();
        }
    }

    /** Stops answering, if this peer listens. */
    @Override
    public void close() {
        if (ownsWire) {
            wire.close();
        }
    }

    private static URI uri(Endpoint target, String path) {
        return URI.create("http://" + target.address() + ":" + target.port() + path);
    }

    /** HTTP with a client of its own, and a server when the peer listens. */
    private static final class HttpWire implements Wire {

        private final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        private HttpServer server;

        HttpWire(HttpServer server) {
            this.server = server;
        }

        @Override
        public Response post(Endpoint target, String path, byte[] body) {
            return exchange(HttpRequest.newBuilder(uri(target, path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        @Override
        public Response request(Endpoint target, String method, String path) {
            return exchange(HttpRequest.newBuilder(uri(target, path)).method(method, HttpRequest.BodyPublishers.noBody()));
        }

        private Response exchange(HttpRequest.Builder request) {
            try {
                HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.body(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void close() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    /** A transport of the in-memory network; each request waits for its answer in virtual time. */
    private static final class MemoryWire implements Wire {

        private final Transport transport;
        private final NodeRuntime runtime;

        MemoryWire(Transport transport, NodeRuntime runtime) {
            this.transport = transport;
            this.runtime = runtime;
        }

        @Override
        public Response post(Endpoint target, String path, byte[] body) {
            try {
                TransportResponse response = runtime.await(
                        transport.send(target, path, body, SimulatedNetwork.REQUEST_TIMEOUT),
                        SimulatedNetwork.REQUEST_TIMEOUT.plusSeconds(1));
                return new Response(response.status(), response.body(), null);
            } catch (ExecutionException | TimeoutException e) {
                throw new NoAnswer(path + " to " + target + " got no answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Response request(Endpoint target, String method, String path) {
            throw new UnsupportedOperationException("the in-memory network carries POST requests only");
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    /**
     * An HTTP answer.
     *
     * @param status the HTTP status
     * @param body the raw body as received
     * @param plain for {@link #send}'s 200 answers, the decrypted body ({@code type || payload}); else null
     */
    public record Response(int status, byte[] body, byte[] plain) {

        /** The answer payload without the type byte (only for a 200 answer to {@link #send}). */
        public byte[] payload() {
            if (plain == null) {
                throw new AssertionError("no decrypted answer: status " + status);
            }
            return Arrays.copyOfRange(plain, 1, plain.length);
        }

        @Override
        public String toString() {
            return "Response[status=" + status + ", body=" + body.length + " bytes]";
        }
    }
}
