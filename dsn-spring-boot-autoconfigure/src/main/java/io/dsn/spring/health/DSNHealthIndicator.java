package io.dsn.spring.health;

import io.dsn.DSNodeServer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the DSN node: whether the node works, not whether the network is complete. UP while
 * it serves, with {@code connected} telling whether it has a peer; DOWN when it does not serve.
 * A node with bootstrap nodes but no peer yet is UP with {@code connected=false} (like Spring
 * Cloud's discovery health, which is never DOWN for having no instances), unless
 * {@code requirePeer} is set: then it is DOWN until it has one.
 */
public class DSNHealthIndicator extends AbstractHealthIndicator {

    private final DSNodeServer server;
    private final boolean requirePeer;

    public DSNHealthIndicator(DSNodeServer server) {
        this(server, false);
    }

    /** @param requirePeer whether a node with bootstrap nodes is DOWN while it has no peer */
    public DSNHealthIndicator(DSNodeServer server, boolean requirePeer) {
        super("DSN health check failed");
        this.server = server;
        this.requirePeer = requirePeer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int peers = server.peers().size() - 1;
        boolean waitsForPeers = !server.config().bootstrapNodes().isEmpty();
        builder.withDetail("nodeId", server.nodeId())
                .withDetail("port", server.endpoint().port())
                .withDetail("peers", peers)
                .withDetail("connected", peers > 0);
        if (!server.isServing()) {
            builder.down().withDetail("reason", "the DSN server is not running");
        } else if (waitsForPeers && peers == 0) {
            String reason = "no peer reachable yet through the bootstrap nodes " + server.config().bootstrapNodes();
            (requirePeer ? builder.down() : builder.up()).withDetail("reason", reason);
        } else {
            builder.up();
        }
    }
}
