package io.dsn.spring.autoconfigure;

import io.dsn.BootstrapSource;
import io.dsn.DSNSettings;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.transport.InMemoryNetwork;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place that acts on {@code dsn.transport}: HTTP leaves the node as configured; the
 * in-memory transport gives the node a free port of its network, a temporary credential directory
 * and the network's key unless they are configured, and the other nodes of its network to join.
 */
final class DSNTransportChoice {

    private final DSNProperties properties;

    DSNTransportChoice(DSNProperties properties) {
        this.properties = properties;
    }

    boolean inMemory() {
        return properties.getTransport() == DSNProperties.TransportType.IN_MEMORY;
    }

    /**
     * What this transport decides in the configuration, after the properties and before the
     * customizers: in memory, a free port of the network whatever {@code dsn.port} says, and a
     * credential directory and network key of its own where the properties give none.
     *
     * @param temporaryCredentials the context's own credential directory, deleted with it
     */
    void configure(DSNodeConfig.Builder config, DSNSettingValues settings, Supplier<Path> temporaryCredentials) {
        if (!inMemory()) {
            return;
        }
        config.port(0);
        if (settings.given(DSNSettings.CREDENTIAL_DIR).isEmpty()) {
            config.credentialDir(temporaryCredentials.get());
        }
        if (settings.given(DSNSettings.AES_KEY).isEmpty() && settings.valueOrDefault(DSNSettings.ENCRYPTION)) {
            config.aesKey(InMemoryNetworks.networkKey(properties.getInMemory().getNetworkName()));
        }
    }

    /** The address a node on this transport advertises when {@code dsn.network-ip} is not set; null for HTTP. */
    @Nullable String defaultNetworkIp() {
        return inMemory() ? InMemoryNetwork.DEFAULT_ADDRESS : null;
    }

    /**
     * Gives the server its transport: on the in-memory transport, the context's
     * {@link InMemoryNetwork} bean or the JVM's network of {@code dsn.in-memory.network-name},
     * whose nodes are added to {@code sources}.
     */
    void configure(DSNodeServer.Builder server, DSNodeConfig config, ObjectProvider<InMemoryNetwork> inMemoryNetwork,
                   List<BootstrapSource> sources) {
        if (!inMemory()) {
            return;
        }
        InMemoryNetwork network = inMemoryNetwork.getIfAvailable(
                () -> InMemoryNetworks.named(properties.getInMemory().getNetworkName()));
        server.transports(() -> network.transport(config.networkIp()));
        sources.add(InMemoryNetworks.bootstrapSource(network, properties.getDiscovery().getMaxNodes()));
    }
}
