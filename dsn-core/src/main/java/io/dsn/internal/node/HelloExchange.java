package io.dsn.internal.node;

import io.dsn.Endpoint;
import io.dsn.MessageType;
import io.dsn.internal.protocol.HelloPacket;

import java.util.concurrent.CompletableFuture;

/**
 * HELLO, both sides (PROTOCOL.md section 4.1): nodes show each other their id, endpoint and
 * public key. Either side admits the other the same way: the key is checked and pinned, and the
 * node is recorded at the address it was reached at (or came from) with the port it advertises.
 */
final class HelloExchange {

    private final Identity identity;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;
    private final OutgoingCall call;

    HelloExchange(Identity identity, PeerAuthenticator authenticator, PeerTable peers, OutgoingCall call) {
        this.identity = identity;
        this.authenticator = authenticator;
        this.peers = peers;
        this.call = call;
    }

    /** Says HELLO to whatever node listens at an endpoint, and admits it. */
    CompletableFuture<Peer> greet(Endpoint target) {
        return call.call(target, MessageType.HELLO, identity.hello("").encode(),
                payload -> admit(HelloPacket.decode(payload), target.address()));
    }

    /** Answers a HELLO with ours, carrying the address the request came from. */
    byte[] answer(HelloPacket hello, String remoteAddress) {
        admit(hello, remoteAddress);
        return identity.hello(remoteAddress).encode();
    }

    private Peer admit(HelloPacket hello, String address) {
        authenticator.acceptHello(hello);
        // Like the Python node: the address the other side was seen at, the port it advertises.
        return peers.admit(hello.nodeId(), new Endpoint(address, hello.endpoint().port()));
    }
}
