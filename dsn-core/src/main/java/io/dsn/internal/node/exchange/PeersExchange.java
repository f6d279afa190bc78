package io.dsn.internal.node.exchange;

import io.dsn.Endpoint;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.guard.WarnOnce;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.PeersPacket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PEERS, both sides (PROTOCOL.md section 4.2): a peer's address book, signed by it, asked for
 * by a known node only.
 */
public final class PeersExchange {

    private static final Logger log = LoggerFactory.getLogger(PeersExchange.class);

    private static final byte[] EMPTY = new byte[0];

    private final SignedPackets packets;
    private final PeerTable peers;
    private final OutgoingCall call;
    private final int maxListed;
    private final WarnOnce longAnswers = new WarnOnce(log);
    /** The last answer, signed, for the table version it lists: a table that did not change is not signed again. */
    private volatile CachedAnswer cachedAnswer = new CachedAnswer(-1, EMPTY);
    /** The request, signed once: it lists nothing and carries no time, so it never changes. */
    private volatile byte @Nullable [] signedRequest;

    private record CachedAnswer(long version, byte[] encoded) {
    }

    public PeersExchange(SignedPackets packets, PeerTable peers, OutgoingCall call, int maxListed) {
        this.packets = packets;
        this.peers = peers;
        this.call = call;
        this.maxListed = maxListed;
    }

    /**
     * Asks a peer for its address book; the answer is verified with the peer's pinned key, and
     * only its first {@code maxListed} entries are taken.
     */
    public CompletableFuture<Map<String, Endpoint>> request(Peer peer) {
        return call.call(peer.endpoint(), peer.nodeId(), MessageType.PEERS, signedRequest(), payload -> {
            PeersPacket answer = PeersPacket.decode(payload);
            if (!answer.nodeId().equals(peer.nodeId())) {
                throw new ProtocolException(ProtocolException.NOT_ACCEPTABLE,
                        peer.nodeId() + " answered PEERS as " + answer.nodeId());
            }
            packets.verify(answer);
            peers.heardFrom(peer);
            return firstEntries(peer, answer.peers());
        });
    }

    private Map<String, Endpoint> firstEntries(Peer peer, Map<String, Endpoint> listed) {
        if (listed.size() <= maxListed) {
            return listed;
        }
        longAnswers.warn(peer.nodeId(), "{} listed {} peers; only the first {} are taken (max_peers_listed)",
                peer.nodeId(), listed.size(), maxListed);
        Map<String, Endpoint> first = new LinkedHashMap<>();
        listed.entrySet().stream().limit(maxListed).forEach(entry -> first.put(entry.getKey(), entry.getValue()));
        return first;
    }

    /**
     * Answers a known node with this node's address book. The answer depends on the table only,
     * so it is encoded and signed once per version of the table (it carries no time, and any
     * answer could be replayed before too).
     */
    public byte[] answer(PeersPacket request, String remoteAddress) {
        packets.senderOf(MessageType.PEERS, request, remoteAddress);
        PeerTable.Listing listing = peers.listing();
        CachedAnswer cached = cachedAnswer;
        if (cached.version() == listing.version()) {
            return cached.encoded();
        }
        Map<String, Endpoint> book = new LinkedHashMap<>();
        for (Peer peer : listing.peers()) {
            book.put(peer.nodeId(), peer.endpoint());
        }
        byte[] encoded = signedBook(book);
        cachedAnswer = new CachedAnswer(listing.version(), encoded);
        return encoded;
    }

    private byte[] signedRequest() {
        byte[] request = signedRequest;
        if (request == null) {
            request = signedBook(Map.of());
            signedRequest = request;
        }
        return request;
    }

    private byte[] signedBook(Map<String, Endpoint> book) {
        return packets.encodeSigned(new PeersPacket(packets.ownNodeId(), EMPTY, book));
    }
}
