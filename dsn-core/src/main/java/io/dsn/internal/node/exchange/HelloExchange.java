package io.dsn.internal.node.exchange;

import io.dsn.Endpoint;
import io.dsn.internal.node.guard.NewKeyBudget;
import io.dsn.internal.node.guard.ProtocolException;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.Identity;
import io.dsn.internal.protocol.HelloPacket;
import io.dsn.internal.protocol.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HELLO, both sides (PROTOCOL.md section 4.1): nodes show each other their id, endpoint and
 * public key. Either side admits the other the same way: the key is checked and pinned, and the
 * node is recorded at the address it was reached at (or came from) with the port it advertises.
 *
 * <p>A HELLO carries nothing fresh, so a captured one can be replayed from anywhere. A peer
 * already in the table therefore moves to the endpoint a HELLO request claims only once that
 * endpoint answers a HELLO of ours with the peer's pinned key; until then it stays where it is.
 */
public final class HelloExchange {

    private static final Logger log = LoggerFactory.getLogger(HelloExchange.class);

    private final Identity identity;
    private final PeerAuthenticator authenticator;
    private final PeerTable peers;
    private final OutgoingCall call;
    private final NewKeyBudget newKeys;
    private final Set<String> movesBeingChecked = ConcurrentHashMap.newKeySet();
    private volatile boolean leaving;

    public HelloExchange(Identity identity, PeerAuthenticator authenticator, PeerTable peers, OutgoingCall call,
                         NewKeyBudget newKeys) {
        this.identity = identity;
        this.authenticator = authenticator;
        this.peers = peers;
        this.call = call;
        this.newKeys = newKeys;
    }

    /** Says HELLO to whatever node listens at an endpoint, and admits it. */
    public CompletableFuture<Peer> greet(Endpoint target) {
        return call.call(target, "", MessageType.HELLO, identity.hello("").encode(), payload -> {
            HelloPacket hello = HelloPacket.decode(payload);
            accept(hello, false);
            return peers.admit(hello.nodeId(), endpointOf(hello, target.address()));
        });
    }

    /**
     * Answers a HELLO with ours, carrying the address the request came from. The key of a node
     * never seen before is pinned only while the table has room and the budget of new keys lasts
     * (429 otherwise).
     */
    public byte[] answer(HelloPacket hello, String remoteAddress) {
        if (leaving) {
            throw new ProtocolException(ProtocolException.UNAVAILABLE, "this node is leaving");
        }
        accept(hello, true);
        Endpoint claimed = endpointOf(hello, remoteAddress);
        Optional<Peer> known = peers.get(hello.nodeId());
        if (known.isPresent() && !known.get().endpoint().equals(claimed)) {
            checkMove(known.get(), claimed);
        } else {
            peers.admit(hello.nodeId(), claimed);
        }
        // A node greets only nodes it does not hold: a peer we know that greets us again dropped us
        // (or restarted) and holds a placeholder of our state, which our ticks now send it at once.
        known.ifPresent(Peer::holdsNoneOfOurStates);
        return identity.hello(remoteAddress).encode();
    }

    /**
     * From now on a HELLO is answered 503: this node tells its peers it leaves, and a peer that
     * took the LEAVE and then greets it (having heard of it from a third node) must not admit it again.
     */
    public void leaving() {
        leaving = true;
    }

    /** Greets the endpoint a known peer claims to have moved to; the peer moves if it answers there. */
    private void checkMove(Peer peer, Endpoint claimed) {
        if (!movesBeingChecked.add(peer.nodeId())) {
            return;
        }
        log.debug("{} at {} says it is at {} now; greeting it there before moving it", peer.nodeId(), peer.endpoint(),
                claimed);
        greet(claimed).whenComplete((answered, error) -> {
            movesBeingChecked.remove(peer.nodeId());
            if (error != null || !answered.nodeId().equals(peer.nodeId())) {
                log.info("{} stays at {}: a HELLO claimed it is at {}, where it did not answer", peer.nodeId(),
                        peer.endpoint(), claimed);
            }
        });
    }

    /** Checks a HELLO and pins its key if it is new; a request's new key is paid from the budget. */
    private void accept(HelloPacket hello, boolean request) {
        PeerAuthenticator.CheckedHello checked = authenticator.checkHello(hello);
        if (checked.pinned()) {
            return;
        }
        peers.requireRoomFor(hello.nodeId());
        if (request && !newKeys.take()) {
            throw new ProtocolException(ProtocolException.TOO_MANY, "too many new nodes this minute");
        }
        authenticator.pinNew(checked);
    }

    /** Like the Python node: the address the other side was seen at, the port it advertises. */
    private static Endpoint endpointOf(HelloPacket hello, String address) {
        return new Endpoint(address, hello.endpoint().port());
    }
}
