package io.dsn.spring.observation;

import io.dsn.DSNMetrics;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** What an observation of one DSN exchange knows: the message, the side, the peer, and once over how it ended. */
public class DSNExchangeContext extends Observation.Context {

    private final String nodeId;
    private final DSNMetrics.Message message;
    private final DSNMetrics.Direction direction;
    private final String peer;
    private DSNMetrics.@Nullable Outcome outcome;
    private int status = -1;

    public DSNExchangeContext(String nodeId, DSNMetrics.Message message, DSNMetrics.Direction direction, String peer) {
        this.nodeId = nodeId;
        this.message = message;
        this.direction = direction;
        this.peer = peer;
    }

    /** This node's id. */
    public String getNodeId() {
        return nodeId;
    }

    public DSNMetrics.Message getMessage() {
        return message;
    }

    public DSNMetrics.Direction getDirection() {
        return direction;
    }

    /** The peer's endpoint (outgoing) or remote address (incoming). */
    public String getPeer() {
        return peer;
    }

    /** How the exchange ended; null while it runs. */
    public DSNMetrics.@Nullable Outcome getOutcome() {
        return outcome;
    }

    /** The HTTP status of the answer, -1 when there was none. */
    public int getStatus() {
        return status;
    }

    void ended(DSNMetrics.Outcome outcome, int status) {
        this.outcome = outcome;
        this.status = status;
    }
}
