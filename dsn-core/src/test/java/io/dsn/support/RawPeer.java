package io.dsn.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dsn.Endpoint;
import io.dsn.internal.crypto.DecryptionException;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;

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
import java.util.Map;
import java.util.Optional;

/**
 * A fake peer driven by hand: it speaks the wire protocol to a real node with its own HTTP
 * client, so a test chooses every byte it sends. It holds a node id, a key pair, the network
 * cipher and the endpoint it advertises in its HELLO.
 *
 * <p>A {@linkplain #listening listening} raw peer also answers the node's own requests
 * (PING, UPDATE, HELLO...) so that the node keeps it in its address book; a raw peer made with
 * {@link #at} answers nothing, so the node drops it at its first failed PING.
 */
public final class RawPeer implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];

    private final String nodeId;
    private final NodeKeyPair keys;
    private final NetworkCipher cipher;
    private final Endpoint endpoint;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private HttpServer responder;

    private RawPeer(String nodeId, NodeKeyPair keys, NetworkCipher cipher, Endpoint endpoint) {
        this.nodeId = nodeId;
        this.keys = keys;
        this.cipher = cipher;
        this.endpoint = endpoint;
    }

    /** A raw peer of the network that advertises {@code advertised} and answers nothing itself. */
    public static RawPeer at(TestNetwork network, String nodeId, Endpoint advertised) {
        return new RawPeer(nodeId, NodeKeyPair.generate(RANDOM), cipherOf(network), advertised);
    }

    /** A raw peer that listens on a loopback port of its own and answers the node's requests. */
    public static RawPeer listening(TestNetwork network, String nodeId) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RawPeer peer = new RawPeer(nodeId, NodeKeyPair.generate(RANDOM), cipherOf(network),
                new Endpoint("127.0.0.1", server.getAddress().getPort()));
        peer.responder = server;
        server.createContext("/", peer::answer);
        server.start();
        return peer;
    }

    /** The network's cipher, from its hex key. */
    public static NetworkCipher cipherOf(TestNetwork network) {
        return NetworkCipher.aes(NetworkKey.parse(network.networkKey()));
    }

    /** The same id, cipher and endpoint with another key pair; answers nothing itself. */
    public RawPeer withKeys(NodeKeyPair otherKeys) {
        return new RawPeer(nodeId, otherKeys, cipher, endpoint);
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
        return exchange(HttpRequest.newBuilder(uri(target, path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(rawBody)));
    }

    /** Sends any method (for example GET) with no body. */
    public Response request(Endpoint target, String method, String path) {
        return exchange(HttpRequest.newBuilder(uri(target, path)).method(method, HttpRequest.BodyPublishers.noBody()));
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
        if (plain.length == 0 || plain[0] != type.code()) {
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
        byte[] framed = new byte[payload.length + 1];
        framed[0] = type.code();
        System.arraycopy(payload, 0, framed, 1, payload.length);
        return framed;
    }

    // ---- packets ----

    public HelloPacket signedHello() {
        return signedHello(HelloPacket.PROTOCOL_VERSION);
    }

    public HelloPacket signedHello(String version) {
        HelloPacket unsigned = new HelloPacket(version, nodeId, endpoint, keys.publicKey(), EMPTY, "");
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
        PeersPacket unsigned = new PeersPacket(nodeId, EMPTY, Map.of());
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

    private void answer(HttpExchange exchange) throws IOException {
        try {
            Optional<MessageType> type = MessageType.fromPath(exchange.getRequestURI().getPath());
            byte[] plain;
            try {
                plain = cipher.decrypt(exchange.getRequestBody().readAllBytes());
            } catch (DecryptionException e) {
                plain = EMPTY;
            }
            if (type.isEmpty() || plain.length == 0 || plain[0] != type.get().code()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            byte[] payload = type.get() == MessageType.HELLO
                    ? signedHello().withDetectedAddress(exchange.getRemoteAddress().getAddress().getHostAddress()).encode()
                    : EMPTY;  // PING: nothing; UPDATE: "nothing new"; the rest is not needed by the tests
            byte[] body = encrypt(type.get(), payload);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close();
        }
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

    private static URI uri(Endpoint target, String path) {
        return URI.create("http://" + target.address() + ":" + target.port() + path);
    }

    /** Stops the responder, if this peer has one. */
    @Override
    public void close() {
        if (responder != null) {
            responder.stop(0);
            responder = null;
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
