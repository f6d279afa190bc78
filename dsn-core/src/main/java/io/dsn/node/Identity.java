package io.dsn.node;

import io.dsn.Endpoint;
import io.dsn.crypto.NodeKeyPair;
import io.dsn.protocol.HelloPacket;

/** Who this node is on the wire: its id, key pair and advertised endpoint, with its signed HELLO. */
final class Identity {

    private final String nodeId;
    private final NodeKeyPair keys;
    private final Endpoint endpoint;
    private final HelloPacket hello;

    Identity(String nodeId, NodeKeyPair keys, Endpoint endpoint) {
        this.nodeId = nodeId;
        this.keys = keys;
        this.endpoint = endpoint;
        HelloPacket unsigned = new HelloPacket(HelloPacket.PROTOCOL_VERSION, nodeId, endpoint, keys.publicKey(), new byte[0], "");
        this.hello = unsigned.withSignature(keys.sign(unsigned.signedPart()));
    }

    String nodeId() {
        return nodeId;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The signed HELLO; the detected address is outside the signature, so one signature serves every answer. */
    HelloPacket hello(String detectedAddress) {
        return hello.withDetectedAddress(detectedAddress);
    }

    byte[] sign(byte[] signedPart) {
        return keys.sign(signedPart);
    }
}
