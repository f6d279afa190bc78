package io.dsn;

import java.util.Objects;

/**
 * A node entered this node's address book: it said HELLO, answered ours, or came back after it
 * had been dropped.
 *
 * @param nodeId the peer's id
 * @param endpoint where this node reaches it
 */
public record PeerJoined(String nodeId, Endpoint endpoint) implements DSNEvent {

    public PeerJoined {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
