package io.dsn.internal.node.state;

import io.dsn.Endpoint;
import io.dsn.internal.crypto.NodeKeyPair;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.SignedPacket;

/**
 * Who this node is on the wire: its id, key pair and advertised endpoint, with its signed HELLO.
 * The endpoint is the configured one until the node listens and knows its real port.
 */
public final class Identity {

    private final String nodeId;
    private final NodeKeyPair keys;
    private volatile Endpoint endpoint;
    private volatile HelloPacket hello;

    public Identity(String nodeId, NodeKeyPair keys, Endpoint configured) {
        this.nodeId = nodeId;
        this.keys = keys;
        bind(configured);
    }

    /** Advertises the endpoint the node really listens at. */
    public void bind(Endpoint listening) {
        HelloPacket unsigned = new HelloPacket(HelloPacket.PROTOCOL_VERSION, nodeId, listening, keys.publicKey(),
                new byte[0], "");
        hello = unsigned.signedWith(keys::sign);
        endpoint = listening;
    }

    public String nodeId() {
        return nodeId;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The signed HELLO; the detected address is outside the signature, so one signature serves every answer. */
    public HelloPacket hello(String detectedAddress) {
        return hello.withDetectedAddress(detectedAddress);
    }

    /** The packet signed with this node's key. */
    public <P extends SignedPacket<P>> P sign(P unsigned) {
        return unsigned.signedWith(keys::sign);
    }
}
