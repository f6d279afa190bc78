package io.dsn;

/** The operation named a node that this node does not know. */
public class UnknownPeerException extends DSNException {

    private final String nodeId;

    public UnknownPeerException(String nodeId) {
        super("Unknown DSN node: " + nodeId);
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }
}
