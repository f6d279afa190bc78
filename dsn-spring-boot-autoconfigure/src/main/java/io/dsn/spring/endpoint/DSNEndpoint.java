package io.dsn.spring.endpoint;

import io.dsn.DSNodeServer;
import io.dsn.PeerInfo;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The {@code dsn} actuator endpoint: this node and every peer with its state
 * ({@code /actuator/dsn}), or one node ({@code /actuator/dsn/{nodeId}}, 404 when unknown).
 */
@Endpoint(id = "dsn")
public class DSNEndpoint {

    private final DSNodeServer server;

    public DSNEndpoint(DSNodeServer server) {
        this.server = server;
    }

    @ReadOperation
    public NetworkDescriptor network() {
        List<PeerInfo> infos = server.peerInfos();
        NodeDescriptor self = NodeDescriptor.of(infos.get(0));
        List<NodeDescriptor> peers = infos.subList(1, infos.size()).stream().map(NodeDescriptor::of).toList();
        return new NetworkDescriptor(self, server.isServing(), peers);
    }

    @ReadOperation
    public NodeDescriptor node(@Selector String nodeId) {
        return server.node().peerInfo(nodeId).map(NodeDescriptor::of).orElse(null);
    }

    /**
     * What the endpoint shows of the network.
     *
     * @param node this node
     * @param serving whether this node's server runs
     * @param peers every other node it knows
     */
    public record NetworkDescriptor(NodeDescriptor node, boolean serving, List<NodeDescriptor> peers) {
    }

    /**
     * What the endpoint shows of one node.
     *
     * @param nodeId the node's id
     * @param address the address it is reached at
     * @param port its DSN port
     * @param state its latest state
     * @param lastUpdate the node's timestamp of that state
     * @param lastHeardFrom when this node last heard from it (null for this node itself)
     */
    public record NodeDescriptor(String nodeId, String address, int port, Map<String, String> state,
                                 Instant lastUpdate, Instant lastHeardFrom) {

        static NodeDescriptor of(PeerInfo info) {
            return new NodeDescriptor(info.nodeId(), info.endpoint().address(), info.endpoint().port(), info.state(),
                    info.lastUpdate(), info.lastHeardFrom().orElse(null));
        }
    }
}
