package io.dsn;

import org.jspecify.annotations.Nullable;

/** The operation named a node that this node does not know. */
public class UnknownPeerException extends DSNException {

    private final @Nullable String nodeId;

    public UnknownPeerException(@Nullable String nodeId) {
        super("Unknown DSN node: " + nodeId);
        this.nodeId = nodeId;
    }

    public @Nullable String nodeId() {
        return nodeId;
    }
}
