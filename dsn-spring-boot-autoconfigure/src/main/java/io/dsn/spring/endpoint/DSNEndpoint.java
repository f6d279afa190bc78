package io.dsn.spring.endpoint;

import io.dsn.DSNodeServer;
import io.dsn.NetworkKeys;
import io.dsn.PeerInfo;
import io.dsn.ProtocolMode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code dsn} actuator endpoint: this node and every peer with its state
 * ({@code /actuator/dsn}), or one node ({@code /actuator/dsn/{nodeId}}, 404 when unknown). The
 * values of the states read {@value #HIDDEN} unless {@code showValues} allows them for the
 * caller, as Boot's {@code env} endpoint does. With the secure protocol it also shows the ids of
 * the network keys, and its write operation ({@code POST /actuator/dsn}) changes them for a key
 * rotation. Writes are off unless {@code management.endpoint.dsn.access=unrestricted}: the
 * endpoint's default access is read-only. Keys are taken, never shown: answers and errors name
 * keys by their ids.
 */
@Endpoint(id = "dsn", defaultAccess = Access.READ_ONLY)
public class DSNEndpoint {

    /** What a hidden value reads, as in Boot's own endpoints. */
    public static final String HIDDEN = "******";

    private static final Logger log = LoggerFactory.getLogger(DSNEndpoint.class);

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
        return new NetworkDescriptor(self, server.isServing(), server.config().protocol().configName(),
                keyIds(), peers);
    }

    @ReadOperation
    public @Nullable NodeDescriptor node(SecurityContext securityContext, @Selector String nodeId) {
        boolean show = showValues.isShown(securityContext, roles);
        return server.node().peerInfo(nodeId).map(info -> NodeDescriptor.of(info, show)).orElse(null);
    }

    /**
     * Changes the network keys of a node that speaks the secure protocol, one step of a key
     * rotation (docs/SECURITY.md): {@code action} {@code add} with {@code key} (64 hex
     * characters), {@code primary} or {@code remove} with {@code keyId} (8 hex characters).
     *
     * @return the ids of the keys the node holds afterwards
     */
    @WriteOperation
    public NetworkKeys networkKeys(String action, @Nullable String key, @Nullable String keyId) {
        if (server.config().protocol() != ProtocolMode.SECURE) {
            throw new InvalidEndpointRequestException("this node speaks the compatible protocol, which has one"
                    + " network key: key rotation needs dsn.protocol=secure", "compatible protocol");
        }
        try {
            switch (action.trim().toLowerCase(Locale.ROOT)) {
                case "add" -> server.node().addNetworkKey(required(key, "key", action));
                case "primary" -> server.node().usePrimaryNetworkKey(required(keyId, "keyId", action));
                case "remove" -> server.node().removeNetworkKey(required(keyId, "keyId", action));
                default -> throw new InvalidEndpointRequestException("action must be add (with key), primary or"
                        + " remove (with keyId), was '" + action + "'", "unknown action");
            }
        } catch (IllegalArgumentException e) {
            // The core's messages never repeat a key: they say what is wrong with it.
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
        NetworkKeys keys = server.node().networkKeys();
        log.info("Network keys of DSN node {} changed through the dsn endpoint ({}): primary {}, accepted {}",
                server.nodeId(), action, keys.primary(), keys.accepted());
        return keys;
    }

    private static String required(@Nullable String value, String name, String action) {
        if (value == null || value.isBlank()) {
            throw new InvalidEndpointRequestException(action + " needs " + name, "missing " + name);
        }
        return value.trim();
    }

    private @Nullable NetworkKeys keyIds() {
        return server.config().protocol() == ProtocolMode.SECURE ? server.node().networkKeys() : null;
    }

    /**
     * What the endpoint shows of the network.
     *
     * @param node this node
     * @param serving whether this node's server runs
     * @param protocol the wire protocol, {@code compatible} or {@code secure}
     * @param networkKeys secure protocol: the ids of the network keys (never the keys); null in the compatible one
     * @param peers every other node it knows
     */
    public record NetworkDescriptor(NodeDescriptor node, boolean serving, String protocol,
                                    @Nullable NetworkKeys networkKeys, List<NodeDescriptor> peers) {
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
                                 Instant lastUpdate, @Nullable Instant lastHeardFrom) {

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
