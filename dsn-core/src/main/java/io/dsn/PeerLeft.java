package io.dsn;

import java.util.Objects;

/**
 * A peer was removed from this node's address book, and its state with it.
 *
 * @param nodeId the peer's id
 * @param reason why it was removed
 */
public record PeerLeft(String nodeId, Reason reason) implements DSNEvent {

    /** Why a peer left. */
    public enum Reason {
        /** It failed the liveness check (PING) with every attempt. */
        UNREACHABLE,
        /** It said it was leaving (a Java node that stops, PROTOCOL.md section 4.6). */
        LEFT
    }

    public PeerLeft {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(reason, "reason");
    }
}
