package io.dsn.spring.endpoint;

import io.dsn.DSNodeServer;
import io.dsn.PeerInfo;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code dsn} actuator endpoint: this node and every peer with its state
 * ({@code /actuator/dsn}), or one node ({@code /actuator/dsn/{nodeId}}, 404 when unknown). The
 * values of the states read {@value #HIDDEN} unless {@code showValues} allows them for the
 * caller, as Boot's {@code env} endpoint does.
 */
@Endpoint(id = "dsn")
public class DSNEndpoint {

    /** What a hidden value reads, as in Boot's own endpoints. */
    public static final String HIDDEN = "******";

    private final DSNodeServer server;
    private final Show showValues;
    private final Set<String> roles;

    /** An endpoint that never shows the states' values. */
    public DSNEndpoint(DSNodeServer server) {
        this(server, Show.NEVER, Set.of());
    }

    /**
     * @param showValues when the states' values are shown
     * @param roles the roles that may see them with {@link Show#WHEN_AUTHORIZED} (any authenticated user when empty)
     */
    public DSNEndpoint(DSNodeServer server, Show showValues, Set<String> roles) {
        this.server = server;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
    }

    @ReadOperation
    public NetworkDescriptor network(SecurityContext securityContext) {
        boolean show = showValues.isShown(securityContext, roles);
        List<PeerInfo> infos = server.peerInfos();
        NodeDescriptor self = NodeDescriptor.of(infos.get(0), show);
        List<NodeDescriptor> peers = infos.subList(1, infos.size()).stream()
                .map(info -> NodeDescriptor.of(info, show)).toList();
        return new NetworkDescriptor(self, server.isServing(), peers);
    }

    @ReadOperation
    public NodeDescriptor node(SecurityContext securityContext, @Selector String nodeId) {
        boolean show = showValues.isShown(securityContext, roles);
        return server.node().peerInfo(nodeId).map(info -> NodeDescriptor.of(info, show)).orElse(null);
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

        static NodeDescriptor of(PeerInfo info, boolean showValues) {
            Map<String, String> state = showValues ? info.state() : hidden(info.state());
            return new NodeDescriptor(info.nodeId(), info.endpoint().address(), info.endpoint().port(), state,
                    info.lastUpdate(), info.lastHeardFrom().orElse(null));
        }

        private static Map<String, String> hidden(Map<String, String> state) {
            Map<String, String> keysOnly = new LinkedHashMap<>();
            state.keySet().forEach(key -> keysOnly.put(key, HIDDEN));
            return keysOnly;
        }
    }
}
