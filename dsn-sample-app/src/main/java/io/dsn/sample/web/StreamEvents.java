package io.dsn.sample.web;

import io.dsn.sample.node.NodeView;
import io.dsn.sample.node.TemperatureHistory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The payloads of the event stream ({@code GET /api/events}), one record per event name. */
final class StreamEvents {

    static final String SNAPSHOT = "snapshot";
    static final String JOINED = "joined";
    static final String STATE_CHANGED = "state-changed";
    static final String LEFT = "left";
    static final String HEARTBEAT = "heartbeat";

    private StreamEvents() {
    }

    /**
     * {@code snapshot}, the first event of every stream: the whole network at once.
     *
     * @param self this node's id
     * @param serverTime the server's clock, so a page can correct its own
     * @param staleAfterMs how long a peer may be silent before it is shown as stale
     * @param nodes every node, this node first
     * @param history the temperatures of the last minutes, per node id, oldest first
     */
    record Snapshot(String self, Instant serverTime, long staleAfterMs, List<NodeView> nodes,
                    Map<String, List<TemperatureHistory.Point>> history) {
    }

    /**
     * {@code state-changed}: a node (a peer, or this node itself) has a new state.
     *
     * @param node the node with its new state
     * @param changedKeys the keys that were added, removed or given another value
     */
    record StateChanged(NodeView node, List<String> changedKeys) {
    }

    /**
     * {@code left}: a peer was dropped (the {@code joined} event carries a {@link NodeView}).
     *
     * @param id the peer's id
     * @param reason why, in lower case ({@code unreachable})
     */
    record Left(String id, String reason) {
    }

    /**
     * {@code heartbeat}, sent every few seconds: when this node last heard from each peer.
     *
     * @param serverTime the server's clock
     * @param nodes every node's liveness
     */
    record Heartbeat(Instant serverTime, List<Liveness> nodes) {
    }

    /** One node's liveness in a {@link Heartbeat}. */
    record Liveness(String id, Instant lastHeardFrom, String status) {
    }
}
