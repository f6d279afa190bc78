package io.dsn.spring.autoconfigure.health;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the {@code dsn} health contributor judges the node ({@code management.health.dsn.*}). */
@ConfigurationProperties("management.health.dsn")
public class DSNHealthProperties {

    /**
     * Whether the node is DOWN while it has bootstrap nodes but no peer yet. By default it is
     * UP then, with the detail connected=false, so that a lone instance is not taken out of
     * its load balancer; set it to true for a readiness group that waits for the network.
     */
    private @Nullable Boolean requirePeer;

    public @Nullable Boolean getRequirePeer() {
        return requirePeer;
    }

    public void setRequirePeer(@Nullable Boolean requirePeer) {
        this.requirePeer = requirePeer;
    }
}
