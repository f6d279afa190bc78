package io.dsn.spring.health;

import io.dsn.DSNodeServer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the DSN node: UP when it serves and, if it was configured to join through
 * bootstrap nodes, is connected to at least one peer; DOWN otherwise.
 */
public class DSNHealthIndicator extends AbstractHealthIndicator {

    private final DSNodeServer server;

    public DSNHealthIndicator(DSNodeServer server) {
        super("DSN health check failed");
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int peers = server.peers().size() - 1;
        builder.withDetail("nodeId", server.nodeId())
                .withDetail("port", server.endpoint().port())
                .withDetail("peers", peers);
        if (!server.isServing()) {
            builder.down().withDetail("reason", "the DSN server is not running");
        } else if (!server.config().bootstrapNodes().isEmpty() && peers == 0) {
            builder.down().withDetail("reason", "no peer reachable through the bootstrap nodes "
                    + server.config().bootstrapNodes());
        } else {
            builder.up();
        }
    }
}
