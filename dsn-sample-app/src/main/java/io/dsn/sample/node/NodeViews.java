package io.dsn.sample.node;

import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.PeerInfo;
import io.dsn.sample.SampleProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns what this node knows of the network into {@link NodeView}s, with each node's temperature
 * reading and each peer's connection status.
 */
@Component
public class NodeViews {

    private final DSNode node;
    private final NodeReadings readings;
    private final Clock clock;
    private final Duration staleAfter;

    @Autowired
    public NodeViews(DSNode node, NodeReadings readings, DSNodeConfig config, SampleProperties properties, Clock clock) {
        this(node, readings, clock, staleAfter(properties, config));
    }

    public NodeViews(DSNode node, NodeReadings readings, Clock clock, Duration staleAfter) {
        this.node = node;
        this.readings = readings;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    private static Duration staleAfter(SampleProperties properties, DSNodeConfig config) {
        Duration configured = properties.getMonitor().getStaleAfter();
        return configured != null ? configured : config.tickInterval().multipliedBy(3);
    }

    /** This node's id. */
    public String selfId() {
        return node.nodeId();
    }

    /** How long a peer may be silent before it counts as stale. */
    public Duration staleAfter() {
        return staleAfter;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Every node, this node first, then its peers by id. */
    public List<NodeView> all() {
        Instant now = now();
        return node.peerInfos().stream().map(info -> view(info, now)).toList();
    }

    /** One node, or empty when this node does not know it. */
    public Optional<NodeView> find(String nodeId) {
        return node.peerInfo(nodeId).map(info -> view(info, now()));
    }

    private NodeView view(PeerInfo info, Instant now) {
        boolean self = info.nodeId().equals(node.nodeId());
        Instant heard = info.lastHeardFrom().orElse(null);
        Instant lastUpdate = Instant.EPOCH.equals(info.lastUpdate()) ? null : info.lastUpdate();
        return new NodeView(info.nodeId(), info.endpoint().address(), info.endpoint().port(), self, info.state(),
                readings.of(info).orElse(null), lastUpdate, heard, status(self, heard, now));
    }

    private String status(boolean self, Instant heard, Instant now) {
        if (self) {
            return NodeView.SELF;
        }
        return heard != null && !heard.plus(staleAfter).isBefore(now) ? NodeView.LIVE : NodeView.STALE;
    }
}
