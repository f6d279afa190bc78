package io.dsn.internal.node.exchange;

import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.Identity;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.SignedPacket;

/**
 * Both sides of a signed packet, for the exchanges: this node's packets are signed with its key
 * and encoded, a peer's are checked against the key pinned for the node they name.
 */
public final class SignedPackets {

    private final Identity identity;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;

    public SignedPackets(Identity identity, PeerAuthenticator authenticator, PeerTable peers) {
        this.identity = identity;
        this.authenticator = authenticator;
        this.peers = peers;
    }

    /** The id this node signs its packets as. */
    String ownNodeId() {
        return identity.nodeId();
    }

    /** The packet signed by this node, as the wire carries it. */
    <P extends SignedPacket<P>> byte[] encodeSigned(P unsigned) {
        return identity.sign(unsigned).encode();
    }

    /**
     * The peer that sent a request only peers may send: the node it names is in the table, and
     * signed it with its pinned key. The peer is heard from when the request came from its
     * address (a signed request can be replayed by anyone, and must not keep a dead node listed).
     *
     * @throws ProtocolException 401 when the node is no peer or the signature is not its own
     */
    Peer senderOf(MessageType type, SignedPacket<?> request, String remoteAddress) {
        Peer sender = peers.get(request.nodeId()).orElseThrow(() ->
                new ProtocolException(ProtocolException.UNAUTHORIZED, type + " from unknown node " + request.nodeId()));
        authenticator.verify(request);
        peers.heardFrom(sender, remoteAddress);
        return sender;
    }

    /** Checks that the node a packet names signed it with its pinned key (see {@link PeerAuthenticator#verify}). */
    void verify(SignedPacket<?> packet) {
        authenticator.verify(packet);
    }
}
