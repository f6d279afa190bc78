package io.dsn;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NetworkKeyring;
import io.dsn.transport.TransportLimits;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a DSN node needs to start. Immutable; build one with {@link #builder()} or from the
 * Python node's configuration keys with {@link #fromMap(Map)}. Every value is checked when the
 * configuration is built, and a wrong one fails with a {@link DSNConfigurationException} naming
 * the setting.
 */
public final class DSNodeConfig {

    public static final int DEFAULT_PORT = 8000;
    public static final Path DEFAULT_CREDENTIAL_DIR = Path.of("credentials");
    public static final String DEFAULT_NETWORK_IP = "127.0.0.1";
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(3);
    /** Shorter ticks are refused: such a value is a unit mistake (3 read as 3 ms), not a wish. */
    public static final Duration MIN_TICK_INTERVAL = Duration.ofMillis(10);
    /** Shorter request timeouts are refused, for the same reason. */
    public static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Longer tick intervals are refused: such a value is a unit mistake too (3000 meant as
     * milliseconds, read as seconds), and would leave a node deaf for an hour.
     */
    public static final Duration MAX_TICK_INTERVAL = Duration.ofMinutes(10);
    /** Longer request timeouts and retry pauses are refused, for the same reason (500 meant as milliseconds). */
    public static final Duration MAX_REQUEST_TIMING = Duration.ofMinutes(1);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_PAUSE = Duration.ofMillis(500);
    /** 16 MiB: a Python node accepts any size, and states of a few megabytes occur in practice. */
    public static final int DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024;
    public static final int DEFAULT_SERVER_THREADS = 8;
    /** Honest nodes never send unreadable requests; 60 a minute is far more than a misconfigured one needs to be noticed. */
    public static final int DEFAULT_MAX_FAILED_REQUESTS_PER_MINUTE = 60;
    /** Room for networks of two thousand nodes: twice the thousand nodes the simulator is sized for. */
    public static final int DEFAULT_MAX_PEERS = 2048;
    /** A network of this many nodes can start all at once; larger ones join over a few minutes. */
    public static final int DEFAULT_NEW_KEYS_PER_MINUTE = 120;
    public static final int DEFAULT_MAX_PEERS_LISTED = DEFAULT_MAX_PEERS;
    /** Secure protocol: how far a message's time may be from the receiver's clock, either way. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(30);
    /** Narrower windows refuse honest messages that took long on the way; wider ones are a unit mistake. */
    public static final Duration MIN_MAX_CLOCK_SKEW = Duration.ofSeconds(1);
    public static final Duration MAX_MAX_CLOCK_SKEW = Duration.ofMinutes(10);

    private final String nodeId;
    private final int port;
    private final @Nullable String aesKey;
    private final boolean encryption;
    private final Path credentialDir;
    private final String networkIp;
    private final String bindAddress;
    private final List<Endpoint> bootstrapNodes;
    private final Duration tickInterval;
    private final Duration requestTimeout;
    private final int attempts;
    private final Duration retryPause;
    private final int maxBodySize;
    private final int serverThreads;
    private final TransportLimits limits;
    private final int maxFailedRequestsPerMinute;
    private final int maxPeers;
    private final int newKeysPerMinute;
    private final int maxPeersListed;
    private final ProtocolMode protocol;
    private final List<String> networkKeys;
    private final Duration maxClockSkew;

    private DSNodeConfig(Builder b) {
        this.nodeId = b.nodeId;
        this.port = b.port;
        this.aesKey = b.aesKey;
        this.encryption = b.encryption;
        this.credentialDir = b.credentialDir;
        this.networkIp = b.networkIp;
        this.bindAddress = b.bindAddress;
        this.bootstrapNodes = List.copyOf(b.bootstrapNodes);
        this.tickInterval = b.tickInterval;
        this.requestTimeout = b.requestTimeout;
        this.attempts = b.attempts;
        this.retryPause = b.retryPause;
        this.maxBodySize = b.maxBodySize;
        this.serverThreads = b.serverThreads;
        this.limits = b.limits;
        this.maxFailedRequestsPerMinute = b.maxFailedRequestsPerMinute;
        this.maxPeers = b.maxPeers;
        this.newKeysPerMinute = b.newKeysPerMinute;
        this.maxPeersListed = b.maxPeersListed;
        this.protocol = b.protocol;
        this.networkKeys = List.copyOf(b.networkKeys);
        this.maxClockSkew = b.maxClockSkew;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .nodeId(nodeId)
                .port(port)
                .aesKey(aesKey)
                .encryption(encryption)
                .credentialDir(credentialDir)
                .networkIp(networkIp)
                .bindAddress(bindAddress)
                .bootstrapNodes(bootstrapNodes)
                .tickInterval(tickInterval)
                .requestTimeout(requestTimeout)
                .attempts(attempts)
                .retryPause(retryPause)
                .maxBodySize(maxBodySize)
                .serverThreads(serverThreads)
                .limits(limits)
                .maxFailedRequestsPerMinute(maxFailedRequestsPerMinute)
                .maxPeers(maxPeers)
                .newKeysPerMinute(newKeysPerMinute)
                .maxPeersListed(maxPeersListed)
                .protocol(protocol)
                .networkKeys(networkKeys)
                .maxClockSkew(maxClockSkew);
    }

    /**
     * Builds a configuration from the keys of the Python node's {@code DSNodeConfig.from_dict}:
     * {@code node_id}, {@code port}, {@code aes_key}, {@code credential_dir}, {@code network_ip},
     * {@code bootstrap_nodes} (a list of maps with {@code address} and {@code port}). The Java
     * node's extra settings are accepted too: {@code encryption}, {@code bind_address},
     * {@code tick_interval}, {@code request_timeout}, {@code retry_pause} (seconds, may be
     * fractional), {@code attempts}, {@code max_body_size} (bytes), {@code server_threads},
     * {@code max_failed_requests_per_minute}, {@code max_peers}, {@code new_keys_per_minute},
     * {@code max_peers_listed}, {@code protocol} ({@code compatible} or {@code secure}),
     * {@code network_keys} (a list of keys accepted besides {@code aes_key}, secure protocol only),
     * {@code max_clock_skew} (seconds), and {@code limits}, a map of the {@link TransportLimits} in
     * snake case ({@code request_head_timeout}, {@code request_read_timeout}, {@code idle_timeout}
     * in seconds, {@code max_connections}, {@code max_connections_per_address},
     * {@code max_requests_in_flight}, {@code max_outgoing_in_flight}, {@code max_outgoing_per_peer},
     * {@code max_buffered_bytes}).
     *
     * @throws DSNConfigurationException for an unknown key or a wrong value
     */
    public static DSNodeConfig fromMap(Map<String, ?> map) {
        return ConfigMapReader.read(map);
    }

    public String nodeId() {
        return nodeId;
    }

    /** The port to listen on; 0 asks the operating system for a free one. */
    public int port() {
        return port;
    }

    /** The network key as 64 hex characters, when one is configured. */
    public Optional<String> aesKey() {
        return Optional.ofNullable(aesKey);
    }

    /** Whether messages are encrypted with the network key (false only for Python networks without a key). */
    public boolean encryption() {
        return encryption;
    }

    public Path credentialDir() {
        return credentialDir;
    }

    /** The address this node advertises to its peers. */
    public String networkIp() {
        return networkIp;
    }

    /** The local address the server binds to. */
    public String bindAddress() {
        return bindAddress;
    }

    public List<Endpoint> bootstrapNodes() {
        return bootstrapNodes;
    }

    /** How often the node pings its peers and gossips its state. */
    public Duration tickInterval() {
        return tickInterval;
    }

    /** How long one request may take before the attempt fails. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How many attempts a request gets in all before the exchange fails. */
    public int attempts() {
        return attempts;
    }

    /** The pause between two attempts of one request. */
    public Duration retryPause() {
        return retryPause;
    }

    /**
     * The largest request body the server accepts, in bytes; larger ones get 413. A write whose
     * request would be larger fails at once with {@link MessageTooLargeException}: give every
     * node of a network the same limit.
     */
    public int maxBodySize() {
        return maxBodySize;
    }

    /**
     * The most requests the node works on at once (decrypting, verifying, applying, answering);
     * the network I/O itself runs on shared event loops.
     */
    public int serverThreads() {
        return serverThreads;
    }

    /** The bounds on connections, requests in flight and the time a request may take to arrive. */
    public TransportLimits limits() {
        return limits;
    }

    /**
     * How many unreadable requests (that do not decrypt or parse) one remote address may send
     * within a minute; past that, its requests get 429 until the minute is over.
     */
    public int maxFailedRequestsPerMinute() {
        return maxFailedRequestsPerMinute;
    }

    /**
     * The most peers the node keeps; past it, new nodes are refused with 429 (never a peer it has).
     * Give it room for the whole network.
     */
    public int maxPeers() {
        return maxPeers;
    }

    /**
     * How many nodes never seen before the node pins a key for per minute, from their HELLO
     * requests (a burst of that many, then evenly); past it, their HELLO gets 429 and they try again.
     */
    public int newKeysPerMinute() {
        return newKeysPerMinute;
    }

    /** How many entries of a peer's PEERS answer the node takes; the rest are ignored. */
    public int maxPeersListed() {
        return maxPeersListed;
    }

    /** The wire protocol: {@link ProtocolMode#COMPATIBLE} (the default, Python's) or {@link ProtocolMode#SECURE}. */
    public ProtocolMode protocol() {
        return protocol;
    }

    /**
     * Secure protocol: the network keys accepted besides {@link #aesKey()}, which is the primary
     * one requests are sealed with; 64 hex characters each. Empty in the compatible protocol.
     */
    public List<String> networkKeys() {
        return networkKeys;
    }

    /**
     * Secure protocol: how far the time a message was sent may be from this node's clock, either
     * way; outside it, and when its message id was taken before, a message is refused (425).
     */
    public Duration maxClockSkew() {
        return maxClockSkew;
    }

    @Override
    public String toString() {
        return "DSNodeConfig[nodeId=" + nodeId + ", port=" + port + ", protocol=" + protocol.configName()
                + ", aesKey=" + (aesKey == null ? "none" : "(set)") + ", networkKeys=" + networkKeys.size() + " more"
                + ", maxClockSkew=" + maxClockSkew + ", encryption=" + encryption
                + ", credentialDir=" + credentialDir + ", networkIp=" + networkIp
                + ", bindAddress=" + bindAddress + ", bootstrapNodes=" + bootstrapNodes
                + ", tickInterval=" + tickInterval + ", requestTimeout=" + requestTimeout
                + ", attempts=" + attempts + ", retryPause=" + retryPause
                + ", maxBodySize=" + maxBodySize + ", serverThreads=" + serverThreads + ", limits=" + limits
                + ", maxFailedRequestsPerMinute=" + maxFailedRequestsPerMinute + ", maxPeers=" + maxPeers
                + ", newKeysPerMinute=" + newKeysPerMinute + ", maxPeersListed=" + maxPeersListed + "]";
    }

    /** Collects and checks the settings of a {@link DSNodeConfig}. */
    public static final class Builder {

        private @Nullable String nodeId;
        private int port = DEFAULT_PORT;
        private @Nullable String aesKey;
        private boolean encryption = true;
        private Path credentialDir = DEFAULT_CREDENTIAL_DIR;
        private String networkIp = DEFAULT_NETWORK_IP;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private List<Endpoint> bootstrapNodes = new ArrayList<>();
        private Duration tickInterval = DEFAULT_TICK_INTERVAL;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int attempts = DEFAULT_ATTEMPTS;
        private Duration retryPause = DEFAULT_RETRY_PAUSE;
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private int serverThreads = DEFAULT_SERVER_THREADS;
        private TransportLimits limits = TransportLimits.DEFAULTS;
        private int maxFailedRequestsPerMinute = DEFAULT_MAX_FAILED_REQUESTS_PER_MINUTE;
        private int maxPeers = DEFAULT_MAX_PEERS;
        private int newKeysPerMinute = DEFAULT_NEW_KEYS_PER_MINUTE;
        private int maxPeersListed = DEFAULT_MAX_PEERS_LISTED;
        private ProtocolMode protocol = ProtocolMode.COMPATIBLE;
        private List<String> networkKeys = new ArrayList<>();
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;

        private Builder() {
        }

        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The network key, 64 hex characters; {@code null} for none. */
        public Builder aesKey(@Nullable String aesKey) {
            this.aesKey = aesKey;
            return this;
        }

        public Builder encryption(boolean encryption) {
            this.encryption = encryption;
            return this;
        }

        public Builder credentialDir(Path credentialDir) {
            this.credentialDir = credentialDir;
            return this;
        }

        public Builder networkIp(String networkIp) {
            this.networkIp = networkIp;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder bootstrapNodes(List<Endpoint> bootstrapNodes) {
            this.bootstrapNodes = new ArrayList<>(Objects.requireNonNull(bootstrapNodes, "bootstrapNodes"));
            return this;
        }

        public Builder addBootstrapNode(Endpoint endpoint) {
            this.bootstrapNodes.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder addBootstrapNode(String address, int port) {
            return addBootstrapNode(new Endpoint(address, port));
        }

        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = tickInterval;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder retryPause(Duration retryPause) {
            this.retryPause = retryPause;
            return this;
        }

        public Builder maxBodySize(int maxBodySize) {
            this.maxBodySize = maxBodySize;
            return this;
        }

        public Builder serverThreads(int serverThreads) {
            this.serverThreads = serverThreads;
            return this;
        }

        /** The bounds on connections, requests in flight and request time; {@link TransportLimits#DEFAULTS} when not set. */
        public Builder limits(TransportLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder maxFailedRequestsPerMinute(int maxFailedRequestsPerMinute) {
            this.maxFailedRequestsPerMinute = maxFailedRequestsPerMinute;
            return this;
        }

        public Builder maxPeers(int maxPeers) {
            this.maxPeers = maxPeers;
            return this;
        }

        public Builder newKeysPerMinute(int newKeysPerMinute) {
            this.newKeysPerMinute = newKeysPerMinute;
            return this;
        }

        public Builder maxPeersListed(int maxPeersListed) {
            this.maxPeersListed = maxPeersListed;
            return this;
        }

        /** The wire protocol; {@link ProtocolMode#COMPATIBLE} when not set. */
        public Builder protocol(ProtocolMode protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** Secure protocol: network keys accepted besides the {@link #aesKey primary one}, 64 hex characters each. */
        public Builder networkKeys(List<String> networkKeys) {
            this.networkKeys = new ArrayList<>(Objects.requireNonNull(networkKeys, "networkKeys"));
            return this;
        }

        /** Secure protocol: see {@link DSNodeConfig#maxClockSkew()}. */
        public Builder maxClockSkew(Duration maxClockSkew) {
            this.maxClockSkew = maxClockSkew;
            return this;
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @throws DSNConfigurationException naming the first wrong setting
         */
        public DSNodeConfig build() {
            if (nodeId == null || nodeId.isBlank()) {
                throw new DSNConfigurationException("node_id", "node_id is required: give every node of the network its own id");
            }
            if (!CredentialStore.isSafeNodeId(nodeId)) {
                throw new DSNConfigurationException("node_id", "node_id '" + nodeId
                        + "' cannot be used: it must be a valid file name (no '/', '\\', control characters, '.' or '..', at most 255 bytes)");
            }
            if (port < 0 || port > 65535) {
                throw new DSNConfigurationException("port", "port must be between 0 and 65535 (0 picks a free port), was " + port);
            }
            if (aesKey != null) {
                try {
                    NetworkKey.parse(aesKey);
                } catch (IllegalArgumentException e) {
                    throw new DSNConfigurationException("aes_key", "aes_key is not valid: " + e.getMessage());
                }
            }
            if (encryption && aesKey == null && !bootstrapNodes.isEmpty()) {
                throw new DSNConfigurationException("aes_key", "aes_key is required to join a network through bootstrap_nodes: "
                        + "set it to the network's key (64 hex characters: the network-key.hex file the first node stored in its credential directory), "
                        + "or turn encryption off only to join a Python network that runs without a key");
            }
            requireNonNull(credentialDir, "credential_dir");
            requireText(networkIp, "network_ip");
            if (!NetworkAddresses.isIpOrHostName(networkIp)) {
                throw new DSNConfigurationException("network_ip", "network_ip '" + networkIp + "' is neither an IP address"
                        + " nor a host name: set it to the address the other nodes reach this one at, for example 10.0.0.7");
            }
            requireText(bindAddress, "bind_address");
            for (Endpoint endpoint : bootstrapNodes) {
                if (endpoint.port() < 1) {
                    throw new DSNConfigurationException("bootstrap_nodes", "bootstrap_nodes entry " + endpoint
                            + " has no port: give each entry an address and a port between 1 and 65535");
                }
                requireText(endpoint.address(), "bootstrap_nodes");
            }
            requireAtLeast(tickInterval, MIN_TICK_INTERVAL, "tick_interval");
            requireAtLeast(requestTimeout, MIN_REQUEST_TIMEOUT, "request_timeout");
            requireNonNull(retryPause, "retry_pause");
            if (retryPause.isNegative()) {
                throw new DSNConfigurationException("retry_pause", "retry_pause must not be negative, was " + retryPause);
            }
            requireAtMost(tickInterval, MAX_TICK_INTERVAL, "tick_interval");
            requireAtMost(requestTimeout, MAX_REQUEST_TIMING, "request_timeout");
            requireAtMost(retryPause, MAX_REQUEST_TIMING, "retry_pause");
            if (attempts < 1) {
                throw new DSNConfigurationException("attempts", "attempts must be at least 1, was " + attempts);
            }
            if (maxBodySize < 1024) {
                throw new DSNConfigurationException("max_body_size", "max_body_size must be at least 1024 bytes, was " + maxBodySize);
            }
            if (serverThreads < 1) {
                throw new DSNConfigurationException("server_threads", "server_threads must be at least 1, was " + serverThreads);
            }
            requireAtLeastOne(maxFailedRequestsPerMinute, "max_failed_requests_per_minute");
            requireAtLeastOne(maxPeers, "max_peers");
            requireAtLeastOne(newKeysPerMinute, "new_keys_per_minute");
            requireAtLeastOne(maxPeersListed, "max_peers_listed");
            requireAtLeast(maxClockSkew, MIN_MAX_CLOCK_SKEW, "max_clock_skew");
            requireAtMost(maxClockSkew, MAX_MAX_CLOCK_SKEW, "max_clock_skew");
            checkSecureProtocol();
            return new DSNodeConfig(this);
        }

        private void checkSecureProtocol() {
            if (protocol == ProtocolMode.COMPATIBLE) {
                if (!networkKeys.isEmpty()) {
                    throw new DSNConfigurationException("network_keys", "network_keys needs protocol secure: the"
                            + " compatible protocol has one network key (aes_key) and cannot tell keys apart");
                }
                return;
            }
            if (!encryption) {
                throw new DSNConfigurationException("encryption", "protocol secure always encrypts: remove"
                        + " encryption=false, which only serves Python networks without a key");
            }
            if (aesKey == null && !networkKeys.isEmpty()) {
                throw new DSNConfigurationException("aes_key", "aes_key is required with network_keys: it is the"
                        + " primary key that requests are sealed with, network_keys are only accepted");
            }
            Set<NetworkKey> seen = new HashSet<>();
            if (aesKey != null) {
                seen.add(NetworkKey.parse(aesKey));
            }
            for (int i = 0; i < networkKeys.size(); i++) {
                NetworkKey key;
                try {
                    key = NetworkKey.parse(networkKeys.get(i));
                } catch (IllegalArgumentException e) {
                    throw new DSNConfigurationException("network_keys", "network_keys[" + i + "] is not valid: "
                            + e.getMessage());
                }
                if (!seen.add(key)) {
                    throw new DSNConfigurationException("network_keys", "network_keys[" + i + "] is given twice"
                            + " (or is aes_key): give each key once");
                }
            }
            if (seen.size() > NetworkKeyring.MAX_KEYS) {
                throw new DSNConfigurationException("network_keys", "a node holds at most " + NetworkKeyring.MAX_KEYS
                        + " network keys, aes_key included; got " + seen.size());
            }
        }

        private static void requireNonNull(Object value, String setting) {
            if (value == null) {
                throw new DSNConfigurationException(setting, setting + " must be set");
            }
        }

        private static void requireAtLeastOne(int value, String setting) {
            if (value < 1) {
                throw new DSNConfigurationException(setting, setting + " must be at least 1, was " + value);
            }
        }

        private static void requireText(String value, String setting) {
            if (value == null || value.isBlank()) {
                throw new DSNConfigurationException(setting, setting + " must not be empty");
            }
        }

        private static void requireAtMost(Duration value, Duration most, String setting) {
            if (value.compareTo(most) > 0) {
                throw new DSNConfigurationException(setting, setting + " must be at most " + most.toSeconds()
                        + " s (a number without a unit is seconds), was " + value.toSeconds() + " s");
            }
        }

        private static void requireAtLeast(Duration value, Duration least, String setting) {
            requireNonNull(value, setting);
            if (value.compareTo(least) < 0) {
                throw new DSNConfigurationException(setting, setting + " must be at least " + least.toMillis()
                        + " ms (the Python node's default is seconds: 3 for tick_interval, 2 for request_timeout), was "
                        + value.toMillis() + " ms");
            }
        }
    }
}
