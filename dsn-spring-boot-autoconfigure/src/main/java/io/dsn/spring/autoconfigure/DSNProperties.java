package io.dsn.spring.autoconfigure;

import io.dsn.ProtocolMode;
import io.dsn.transport.TransportLimits;
import org.jspecify.annotations.NullUnmarked;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration of the application's DSN node ({@code dsn.*}). The defaults are those of
 * {@link io.dsn.DSNodeConfig}.
 */
@ConfigurationProperties("dsn")
@NullUnmarked // several settings are null while unset, and are not yet annotated one by one
public class DSNProperties {

    /**
     * Whether to run a DSN node in this application.
     */
    private boolean enabled = true;

    /**
     * Id of this node, unique in the network and stable across restarts (its key pair and pins are
     * kept under it). Defaults to spring.application.name-hostname, so that replicas of one
     * application get ids of their own.
     */
    private String nodeId;

    /**
     * Port of the node's DSN server (HTTP), separate from the application's web port. 0 picks a free port.
     * Not used on the in-memory transport, whose node always takes a free port of its in-memory network
     * (the nodes of that network find each other through it), so that contexts sharing this setting never clash.
     */
    private int port = 8000;

    /**
     * Network key shared by every node: 64 hexadecimal characters. Required to join through
     * bootstrap nodes; a first node without one generates it and logs how others join.
     */
    private String aesKey;

    /**
     * Whether messages are encrypted with the network key. Turn off only to join a Python
     * network that runs without a key.
     */
    private boolean encryption = true;

    /**
     * Directory that keeps this node's key pair, the pinned keys of its peers and a generated
     * network key.
     */
    private Path credentialDir = Path.of("credentials");

    /**
     * Address this node advertises to its peers. When not set: 127.0.0.1 on the in-memory
     * transport or when the node binds to or bootstraps through loopback only, otherwise a
     * site-local address of this host (10.x, 172.16-31.x, 192.168.x, as a pod has), or
     * 127.0.0.1 when it has none. Set it to an address the other machines reach.
     */
    private String networkIp;

    /**
     * How the node talks to its peers: 'http' (the DSN protocol on dsn.port) or 'in-memory' (nodes
     * of one JVM, without ports or credential files: for tests). In memory, dsn.port is not used: the
     * node takes a free port of its in-memory network; dsn.credential-dir, when not set, is a
     * temporary directory of the context's own.
     */
    private TransportType transport = TransportType.HTTP;

    /**
     * Local address the DSN server listens on.
     */
    private String bindAddress = "0.0.0.0";

    /**
     * Nodes to join the network through, tried in order until one answers: entries with
     * 'address' and 'port', or 'host:port' strings.
     */
    private List<BootstrapNode> bootstrapNodes = new ArrayList<>();

    /**
     * How often the node pings its peers and gossips its state. A number without a unit is
     * seconds, as in the Python node; from 10ms to 10m.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration tickInterval = Duration.ofSeconds(3);

    /**
     * Timeout of one request attempt to a peer. A number without a unit is seconds; from 10ms
     * to 1m. At shutdown, the node flushes its outboxes for at most this long, then tells its
     * peers it leaves for at most this long again.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration requestTimeout = Duration.ofSeconds(2);

    /**
     * Attempts per request before the exchange fails (a peer failing its pings is dropped).
     */
    private int attempts = 3;

    /**
     * Pause between two attempts of one request. A number without a unit is seconds; at most 1m.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration retryPause = Duration.ofMillis(500);

    /**
     * Largest request body the DSN server accepts; larger ones are refused with 413.
     */
    private DataSize maxBodySize = DataSize.ofMegabytes(16);

    /**
     * Most requests the DSN server handles at once.
     */
    private int serverThreads = 8;

    /**
     * Unreadable requests (that do not decrypt or parse) one remote address may send within a
     * minute; past that, its requests get 429 for the rest of the minute.
     */
    private int maxFailedRequestsPerMinute = 60;

    /**
     * Most peers the node keeps; past it, new nodes are refused with 429 (never a peer it has).
     */
    private int maxPeers = 2048;

    /**
     * Nodes never seen before whose keys the node pins per minute from their HELLO requests;
     * past it, their HELLO gets 429 and they try again later.
     */
    private int newKeysPerMinute = 120;

    /**
     * Entries of a peer's PEERS answer the node takes; the rest are ignored.
     */
    private int maxPeersListed = 2048;

    /**
     * Wire protocol: compatible (the Python package 0.6.7's, so that Java and Python nodes form
     * one network) or secure (Java nodes only: authenticated encryption, replay protection, key
     * rotation). Every node of a network needs the same; each refuses the other's requests.
     */
    private ProtocolMode protocol = ProtocolMode.COMPATIBLE;

    /**
     * Secure protocol: network keys accepted besides dsn.aes-key, which is the primary key that
     * requests are sealed with; 64 hexadecimal characters each. For a key rotation.
     */
    private List<String> networkKeys = new ArrayList<>();

    /**
     * Secure protocol: how far the time a message was sent may be from this node's clock, either
     * way; outside it, or when replayed, a message is refused. A number without a unit is seconds;
     * from 1s to 10m.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration maxClockSkew = Duration.ofSeconds(30);

    /**
     * Bounds of the DSN server and client: connections, requests in flight, and how long a request may take to arrive.
     */
    private final Limits limits = new Limits();
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
            private String name;

            /**
             * DSN port of the nodes found by name. Defaults to dsn.port (every replica listens on the same port).
             */
            private Integer port;

            /**
             * Whether the name is looked up as an SRV record (_dsn._tcp.example.org), whose targets and ports are the
             * nodes, instead of by its addresses.
             */
            private boolean srv;

            public String getName() {
                return name;
            }

            public void setName(String name) {
                this.name = name;
            }

            public Integer getPort() {
                return port;
            }

            public void setPort(Integer port) {
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
            private String serviceId;

            /**
             * Metadata key of an instance that holds its DSN port; an instance without it is reached on dsn.port.
             */
            private String portMetadataKey = "dsn-port";

            public String getServiceId() {
                return serviceId;
            }

            public void setServiceId(String serviceId) {
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

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getAesKey() {
        return aesKey;
    }

    public void setAesKey(String aesKey) {
        this.aesKey = aesKey;
    }

    public ProtocolMode getProtocol() {
        return protocol;
    }

    public void setProtocol(ProtocolMode protocol) {
        this.protocol = protocol;
    }

    public List<String> getNetworkKeys() {
        return networkKeys;
    }

    public void setNetworkKeys(List<String> networkKeys) {
        this.networkKeys = networkKeys;
    }

    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    public void setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    public boolean isEncryption() {
        return encryption;
    }

    public void setEncryption(boolean encryption) {
        this.encryption = encryption;
    }

    public Path getCredentialDir() {
        return credentialDir;
    }

    public void setCredentialDir(Path credentialDir) {
        this.credentialDir = credentialDir;
    }

    public String getNetworkIp() {
        return networkIp;
    }

    public void setNetworkIp(String networkIp) {
        this.networkIp = networkIp;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public List<BootstrapNode> getBootstrapNodes() {
        return bootstrapNodes;
    }

    public void setBootstrapNodes(List<BootstrapNode> bootstrapNodes) {
        this.bootstrapNodes = bootstrapNodes;
    }

    public Duration getTickInterval() {
        return tickInterval;
    }

    public void setTickInterval(Duration tickInterval) {
        this.tickInterval = tickInterval;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public Duration getRetryPause() {
        return retryPause;
    }

    public void setRetryPause(Duration retryPause) {
        this.retryPause = retryPause;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public int getServerThreads() {
        return serverThreads;
    }

    public void setServerThreads(int serverThreads) {
        this.serverThreads = serverThreads;
    }

    public int getMaxFailedRequestsPerMinute() {
        return maxFailedRequestsPerMinute;
    }

    public void setMaxFailedRequestsPerMinute(int maxFailedRequestsPerMinute) {
        this.maxFailedRequestsPerMinute = maxFailedRequestsPerMinute;
    }

    public int getMaxPeers() {
        return maxPeers;
    }

    public void setMaxPeers(int maxPeers) {
        this.maxPeers = maxPeers;
    }

    public int getNewKeysPerMinute() {
        return newKeysPerMinute;
    }

    public void setNewKeysPerMinute(int newKeysPerMinute) {
        this.newKeysPerMinute = newKeysPerMinute;
    }

    public int getMaxPeersListed() {
        return maxPeersListed;
    }

    public void setMaxPeersListed(int maxPeersListed) {
        this.maxPeersListed = maxPeersListed;
    }

    public Health getHealth() {
        return health;
    }

    /**
     * How the dsn health contributor judges the node.
     */
    public static class Health {

        /**
         * Whether the node is DOWN while it has bootstrap nodes but no peer yet. By default it is
         * UP then, with the detail connected=false, so that a lone instance is not taken out of
         * its load balancer; set it to true for a readiness group that waits for the network.
         */
        private boolean requirePeer;

        public boolean isRequirePeer() {
            return requirePeer;
        }

        public void setRequirePeer(boolean requirePeer) {
            this.requirePeer = requirePeer;
        }
    }

    public Limits getLimits() {
        return limits;
    }

    /** {@code dsn.limits.*}: the {@link io.dsn.transport.TransportLimits} of the node. */
    public static class Limits {

        /**
         * Time to read a request's line and headers, from its first byte; slower connections are closed.
         * A number without a unit is seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration requestHeadTimeout = Duration.ofSeconds(10);

        /**
         * Time to read a whole request, body included, from its first byte; slower connections are closed.
         * A number without a unit is seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration requestReadTimeout = Duration.ofSeconds(30);

        /**
         * How long a connection may stay open without a request. Outgoing connections kept for reuse are closed
         * after half of it. A number without a unit is seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration idleTimeout = Duration.ofSeconds(60);

        /**
         * Most connections the DSN server keeps open at once; more are closed as they arrive.
         */
        private int maxConnections = 4096;

        /**
         * Most connections the DSN server keeps open at once from one IP address (count every node on one host).
         */
        private int maxConnectionsPerAddress = 512;

        /**
         * Most requests the DSN server reads and answers at once; more are answered 503.
         */
        private int maxRequestsInFlight = 256;

        /**
         * Most requests this node waits for answers to at once; more fail at once.
         */
        private int maxOutgoingInFlight = 2048;

        /**
         * Most requests this node waits for answers to from one peer at once; more fail at once.
         */
        private int maxOutgoingPerPeer = 32;

        /**
         * Most bytes of request bodies the DSN server holds at once, being read or answered; a request that would
         * need more is answered 503. Never less than max-body-size.
         */
        private DataSize maxBufferedBytes = DataSize.ofMegabytes(64);

        public Duration getRequestHeadTimeout() {
            return requestHeadTimeout;
        }

        public void setRequestHeadTimeout(Duration requestHeadTimeout) {
            this.requestHeadTimeout = requestHeadTimeout;
        }

        public Duration getRequestReadTimeout() {
            return requestReadTimeout;
        }

        public void setRequestReadTimeout(Duration requestReadTimeout) {
            this.requestReadTimeout = requestReadTimeout;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public int getMaxConnectionsPerAddress() {
            return maxConnectionsPerAddress;
        }

        public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        }

        public int getMaxRequestsInFlight() {
            return maxRequestsInFlight;
        }

        public void setMaxRequestsInFlight(int maxRequestsInFlight) {
            this.maxRequestsInFlight = maxRequestsInFlight;
        }

        public int getMaxOutgoingInFlight() {
            return maxOutgoingInFlight;
        }

        public void setMaxOutgoingInFlight(int maxOutgoingInFlight) {
            this.maxOutgoingInFlight = maxOutgoingInFlight;
        }

        public int getMaxOutgoingPerPeer() {
            return maxOutgoingPerPeer;
        }

        public void setMaxOutgoingPerPeer(int maxOutgoingPerPeer) {
            this.maxOutgoingPerPeer = maxOutgoingPerPeer;
        }

        public DataSize getMaxBufferedBytes() {
            return maxBufferedBytes;
        }

        public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
        }

        TransportLimits toTransportLimits() {
            return new TransportLimits(requestHeadTimeout, requestReadTimeout, idleTimeout, maxConnections,
                    maxConnectionsPerAddress, maxRequestsInFlight, maxOutgoingInFlight, maxOutgoingPerPeer,
                    maxBufferedBytes.toBytes());
        }
    }

    /**
     * A node to join the network through.
     */
    public static class BootstrapNode {

        /**
         * Address (IP or host name) of the bootstrap node.
         */
        private String address;

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

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
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
