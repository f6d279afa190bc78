package io.dsn.benchmarks.jmh;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.NetworkCipher;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.Envelope;
import io.dsn.internal.protocol.DataPacket;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import io.dsn.internal.protocol.PythonJson;
import io.dsn.internal.protocol.StatePacket;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packets the micro-benchmarks work on. "Typical" is a small sensor-like state of five keys
 * (about 150 bytes of JSON), which makes an UPDATE body of about 270 bytes once encrypted.
 */
final class Fixtures {

    static final SecureRandom RANDOM = new SecureRandom();
    static final String WRITER = "sensor-17";
    static final double TIMESTAMP = 1_764_064_800.123456;

    private Fixtures() {
    }

    static NetworkKey networkKey() {
        return NetworkKey.generate(RANDOM);
    }

    static NodeKeyPair keyPair() {
        return NodeKeyPair.generate(RANDOM);
    }

    static Map<String, String> typicalState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("temperature", "21.5");
        state.put("humidity", "40.2");
        state.put("status", "ok");
        state.put("updated", "2026-11-25T10:00:00Z");
        state.put("firmware", "v2.14.3-build.5521/arm64");
        return state;
    }

    /** Keys and values full of what Python's json.dumps escapes: quotes, control and non-ASCII characters, an emoji. */
    static Map<String, String> escapedState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("city", "Zürich \"Altstadt\"");
        state.put("note", "line 1\nline 2\ttabbed \\ backslash");
        state.put("名前", "温度センサー");
        state.put("mood", "ok 😀");
        state.put("path", "/var/log/dsn");
        return state;
    }

    static StatePacket signedState(NodeKeyPair keys, String nodeId, double timestamp, Map<String, String> data) {
        StatePacket unsigned = new StatePacket(nodeId, timestamp, new byte[0], PythonJson.write(data));
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    static HelloPacket signedHello(NodeKeyPair keys, String nodeId, Endpoint endpoint) {
        HelloPacket unsigned = new HelloPacket(HelloPacket.PROTOCOL_VERSION, nodeId, endpoint, keys.publicKey(), new byte[0], "");
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    static PeersPacket signedPeers(NodeKeyPair keys, String nodeId, int peers) {
        Map<String, Endpoint> book = new LinkedHashMap<>();
        for (int i = 0; i < peers; i++) {
            book.put("node-" + i, new Endpoint("10.0.0." + (i % 250 + 1), 8000 + i));
        }
        PeersPacket unsigned = new PeersPacket(nodeId, new byte[0], book);
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    static DataPacket signedData(NodeKeyPair keys, String nodeId, int size) {
        byte[] data = new byte[size];
        RANDOM.nextBytes(data);
        DataPacket unsigned = new DataPacket(nodeId, new byte[0], data);
        return unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    /** The HTTP body of a message: the type byte and the payload, encrypted. */
    static byte[] body(NetworkCipher cipher, MessageType type, byte[] payload) {
        return cipher.encrypt(Envelope.frame(type, payload));
    }
}
