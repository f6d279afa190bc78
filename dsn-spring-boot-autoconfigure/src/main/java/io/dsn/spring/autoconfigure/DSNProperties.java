package io.dsn.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The starter's own {@code dsn.*} properties: whether a node runs, its transport, discovery. The
 * node's settings ({@code dsn.port}, {@code dsn.tick-interval}, ...) are declared once in
 * {@link io.dsn.DSNSettings} and bound by {@link DSNSettingValues}; their metadata is generated
 * from those declarations ({@code DSNSettingsMetadataTests}).
 */
@ConfigurationProperties("dsn")
public class DSNProperties {

    /**
     * Whether to run a DSN node in this application.
     */
    private boolean enabled = true;

    /**
     * How the node talks to its peers: 'http' (the DSN protocol on dsn.port) or 'in-memory' (nodes
     * of one JVM, without ports or credential files: for tests). In memory, dsn.port is not used: the
     * node takes a free port of its in-memory network; dsn.credential-dir, when not set, is a
     * temporary directory of the context's own.
     */
    private TransportType transport = TransportType.HTTP;

    private final Health health = new Health();
    private final InMemory inMemory = new InMemory();
    private final Discovery discovery = new Discovery();

    /** How a node talks to its peers. */
    public enum TransportType {
        /** HTTP on dsn.port, as Python nodes speak it. */
        HTTP,
        /** An in-memory network of this JVM, for tests: a free port of it, whatever dsn.port says. */
        IN_MEMORY
    }

    public TransportType getTransport() {
        return transport;
    }

    public void setTransport(TransportType transport) {
        this.transport = transport;
    }

    public InMemory getInMemory() {
        return inMemory;
    }

    public Discovery getDiscovery() {
        return discovery;
    }

    /** {@code dsn.in-memory.*}: the in-memory transport ({@code dsn.transport=in-memory}). */
    public static class InMemory {

        /**
         * Name of the in-memory network the node joins: every node of the JVM with the same name
         * (every application context of a test run, by default) forms one network, each on a free
         * port of it. Not used when the context has an InMemoryNetwork bean, which is the node's
         * network then.
         */
        private String networkName = "default";

        public String getNetworkName() {
            return networkName;
        }

        public void setNetworkName(String networkName) {
            this.networkName = networkName;
        }
    }

    /** {@code dsn.discovery.*}: where the node finds nodes to join through, beyond dsn.bootstrap-nodes. */
    public static class Discovery {

        private final Dns dns = new Dns();
        private final Client client = new Client();

        public Dns getDns() {
            return dns;
        }

        public Client getClient() {
            return client;
        }

        /**
         * Most nodes taken from one answer of DNS or of the discovery client (the first ones in
         * order); a node only needs one that answers.
         */
        private int maxNodes = 16;

        /**
         * How often the answer is asked again while the node is not connected to any node it
         * joined through; from 1s to 10m. A number without a unit is seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration refreshInterval = Duration.ofSeconds(10);

        public int getMaxNodes() {
            return maxNodes;
        }

        public void setMaxNodes(int maxNodes) {
            this.maxNodes = maxNodes;
        }

        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }

        /** {@code dsn.discovery.dns.*}: nodes from the addresses of a DNS name. */
        public static class Dns {

            /**
             * DNS name whose addresses (every A and AAAA record) are nodes to join through, such as
             * a Kubernetes headless service: dsn-peers.my-namespace.svc.cluster.local. Blank: no DNS discovery.
             */
            private @Nullable String name;

            /**
             * DSN port of the nodes found by name. Defaults to dsn.port (every replica listens on the same port).
             */
            private @Nullable Integer port;

            /**
             * Whether the name is looked up as an SRV record (_dsn._tcp.example.org), whose targets and ports are the
             * nodes, instead of by its addresses.
             */
            private boolean srv;

            public @Nullable String getName() {
                return name;
            }

            public void setName(@Nullable String name) {
                this.name = name;
            }

            public @Nullable Integer getPort() {
                return port;
            }

            public void setPort(@Nullable Integer port) {
                this.port = port;
            }

            public boolean isSrv() {
                return srv;
            }

            public void setSrv(boolean srv) {
                this.srv = srv;
            }
        }

        /** {@code dsn.discovery.client.*}: nodes from Spring Cloud's DiscoveryClient. */
        public static class Client {

            /**
             * Service whose instances (from Spring Cloud's DiscoveryClient: Kubernetes, Consul,
             * Eureka, a simple list) are nodes to join through. Usually this application's own
             * spring.application.name. Blank: no discovery through the DiscoveryClient.
             */
            private @Nullable String serviceId;

            /**
             * Metadata key of an instance that holds its DSN port; an instance without it is reached on dsn.port.
             */
            private String portMetadataKey = "dsn-port";

            public @Nullable String getServiceId() {
                return serviceId;
            }

            public void setServiceId(@Nullable String serviceId) {
                this.serviceId = serviceId;
            }

            public String getPortMetadataKey() {
                return portMetadataKey;
            }

            public void setPortMetadataKey(String portMetadataKey) {
                this.portMetadataKey = portMetadataKey;
            }
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Health getHealth() {
        return health;
    }

    /**
     * How the dsn health contributor judges the node: deprecated, see management.health.dsn.*.
     */
    public static class Health {

        /**
         * Whether the node is DOWN while it has bootstrap nodes but no peer yet.
         */
        private boolean requirePeer;

        /** @deprecated use {@code management.health.dsn.require-peer}, where Spring Boot keeps health settings */
        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "management.health.dsn.require-peer", since = "0.1.0")
        public boolean isRequirePeer() {
            return requirePeer;
        }

        public void setRequirePeer(boolean requirePeer) {
            this.requirePeer = requirePeer;
        }
    }

    /**
     * A node to join the network through.
     */
    public static class BootstrapNode {

        /**
         * Address (IP or host name) of the bootstrap node.
         */
        private @Nullable String address;

        /**
         * DSN port of the bootstrap node.
         */
        private int port;

        public BootstrapNode() {
        }

        public BootstrapNode(String address, int port) {
            this.address = address;
            this.port = port;
        }

        public @Nullable String getAddress() {
            return address;
        }

        public void setAddress(@Nullable String address) {
            this.address = address;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }
}
