package io.dsn.spring.autoconfigure;

import io.dsn.BootstrapSource;
import io.dsn.Endpoint;
import io.dsn.transport.InMemoryNetwork;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory networks of this JVM, by name ({@code dsn.in-memory.network-name}): every
 * application context whose node uses {@code dsn.transport=in-memory} with the same name joins
 * the same network, so that the contexts of one test run see each other without ports. A test may
 * take a network here to cut nodes off from each other ({@link InMemoryNetwork#partition}) or
 * to list their endpoints. The networks live as long as the JVM.
 */
public final class InMemoryNetworks {

    private static final Map<String, InMemoryNetwork> NETWORKS = new ConcurrentHashMap<>();

    private InMemoryNetworks() {
    }

    /** The network of that name, made on first use. */
    public static InMemoryNetwork named(String name) {
        return NETWORKS.computeIfAbsent(name, InMemoryNetwork::new);
    }

    /**
     * The nodes listening on the network now, in the order of their endpoints, at most {@code max}:
     * where a node on it joins, without configuration.
     */
    static BootstrapSource bootstrapSource(InMemoryNetwork network, int max) {
        return () -> network.endpoints().stream()
                .sorted(Comparator.comparing(Endpoint::toString))
                .limit(max)
                .toList();
    }

    /**
     * The network key of the nodes of an in-memory network that have none configured: derived from
     * the network's name, so that every context of a test shares it without configuration. Good
     * for tests only: anyone who knows the name knows the key.
     */
    static String networkKey(String networkName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("dsn in-memory network " + networkName).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
