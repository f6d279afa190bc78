package io.dsn.internal.node.exchange;

import io.dsn.PeerLeft;
import io.dsn.internal.node.membership.Peer;
import io.dsn.internal.node.membership.PeerTable;
import io.dsn.internal.node.state.OwnState;
import io.dsn.internal.protocol.LeavePacket;
import io.dsn.internal.protocol.MessageType;
import io.dsn.internal.protocol.WireTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * LEAVE, both sides (PROTOCOL.md section 4.6, Java only): a node that stops tells its peers, and
 * they drop it at once instead of after its pings fail. A Python peer answers 404, and nothing
 * more happens there.
 *
 * <p>A LEAVE is taken only when it is newer than every state and LEAVE taken from its node
 * before, and its time is then taken as the floor of that node's states: a captured LEAVE
 * replayed later, once the node came back with newer states, changes nothing.
 */
public final class LeaveExchange {

    private static final Logger log = LoggerFactory.getLogger(LeaveExchange.class);
    private static final byte[] EMPTY = new byte[0];

    private final SignedPackets packets;
    private final OwnState ownState;
    private final PeerTable peers;
    private final OutgoingCall call;
    private final Clock clock;

    public LeaveExchange(SignedPackets packets, OwnState ownState, PeerTable peers, OutgoingCall call, Clock clock) {
        this.packets = packets;
        this.ownState = ownState;
        this.peers = peers;
        this.call = call;
        this.clock = clock;
    }

    /** Tells every peer at once that this node leaves; completes when each answered or failed. */
    public CompletableFuture<Void> announce() {
        byte[] encoded = packets.encodeSigned(new LeavePacket(packets.ownNodeId(), ownState.issueTimestamp(), EMPTY));
        List<CompletableFuture<Void>> told = peers.all().stream()
                .map(peer -> call.call(peer.endpoint(), peer.nodeId(), MessageType.LEAVE, encoded, answer -> (Void) null)
                        .exceptionally(error -> null))
                .toList();
        return CompletableFuture.allOf(told.toArray(CompletableFuture[]::new));
    }

    /** Drops the node that leaves, if the LEAVE is newer than all it sent before; the answer is empty either way. */
    public byte[] answer(LeavePacket packet, String remoteAddress) {
        packets.verify(packet);
        Optional<Peer> known = peers.get(packet.nodeId());
        if (known.isEmpty()) {
            return EMPTY;
        }
        Peer peer = known.get();
        double floor = Math.max(peers.lastAccepted(peer.nodeId()), peer.state().lastUpdate());
        double latest = WireTime.toSeconds(clock.instant().plus(StateIntake.MAX_AHEAD));
        if (!(packet.leftAt() > floor && packet.leftAt() <= latest)) {
            log.debug("Ignored a LEAVE of {} from {} at {}: not newer than {}, or ahead of this node's clock",
                    peer.nodeId(), remoteAddress, packet.leftAt(), floor);
            return EMPTY;
        }
        peers.accepted(peer, packet.leftAt());
        peers.drop(peer, PeerLeft.Reason.LEFT);
        return EMPTY;
    }
}
