package io.dsn;

import io.dsn.internal.crypto.CredentialStore;
import io.dsn.internal.crypto.NetworkKey;
import io.dsn.internal.crypto.NetworkKeyring;
import io.dsn.transport.TransportLimits;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a DSN node needs to start. Immutable; build one with {@link #builder()} or from the
 * Python node's configuration keys with {@link #fromMap(Map)}. The settings are declared in
 * {@link DSNSettings}, with their defaults and bounds; every value is checked when the
 * configuration is built, and a wrong one fails with a {@link DSNConfigurationException} naming
 * the setting.
 */
public final class DSNodeConfig {

    public static final int DEFAULT_PORT = DSNSettings.PORT.defaultValue();
    public static final Path DEFAULT_CREDENTIAL_DIR = DSNSettings.CREDENTIAL_DIR.defaultValue();
    public static final String DEFAULT_NETWORK_IP = DSNSettings.NETWORK_IP.defaultValue();
    public static final String DEFAULT_BIND_ADDRESS = DSNSettings.BIND_ADDRESS.defaultValue();
    public static final Duration DEFAULT_TICK_INTERVAL = DSNSettings.TICK_INTERVAL.defaultValue();
    /** Shorter ticks are refused: such a value is a unit mistake (3 read as 3 ms), not a wish. */
    public static final Duration MIN_TICK_INTERVAL = DSNSettings.TICK_INTERVAL.min();
    /** Shorter request timeouts are refused, for the same reason. */
    public static final Duration MIN_REQUEST_TIMEOUT = DSNSettings.REQUEST_TIMEOUT.min();
    public static final Duration DEFAULT_REQUEST_TIMEOUT = DSNSettings.REQUEST_TIMEOUT.defaultValue();
    /**
     * Longer tick intervals are refused: such a value is a unit mistake too (3000 meant as
     * milliseconds, read as seconds), and would leave a node deaf for an hour.
     */
    public static final Duration MAX_TICK_INTERVAL = DSNSettings.TICK_INTERVAL.max();
    /** Longer request timeouts and retry pauses are refused, for the same reason (500 meant as milliseconds). */
    public static final Duration MAX_REQUEST_TIMING = DSNSettings.REQUEST_TIMEOUT.max();
    public static final int DEFAULT_ATTEMPTS = DSNSettings.ATTEMPTS.defaultValue();
    public static final Duration DEFAULT_RETRY_PAUSE = DSNSettings.RETRY_PAUSE.defaultValue();
    /** 16 MiB: a Python node accepts any size, and states of a few megabytes occur in practice. */
    public static final int DEFAULT_MAX_BODY_SIZE = DSNSettings.MAX_BODY_SIZE.defaultValue();
    public static final int DEFAULT_SERVER_THREADS = DSNSettings.SERVER_THREADS.defaultValue();
    /** Honest nodes never send unreadable requests; 60 a minute is far more than a misconfigured one needs to be noticed. */
    public static final int DEFAULT_MAX_FAILED_REQUESTS_PER_MINUTE = DSNSettings.MAX_FAILED_REQUESTS_PER_MINUTE.defaultValue();
    /** Room for networks of two thousand nodes: twice the thousand nodes the simulator is sized for. */
    public static final int DEFAULT_MAX_PEERS = DSNSettings.MAX_PEERS.defaultValue();
    /** A network of this many nodes can start all at once; larger ones join over a few minutes. */
    public static final int DEFAULT_NEW_KEYS_PER_MINUTE = DSNSettings.NEW_KEYS_PER_MINUTE.defaultValue();
    public static final int DEFAULT_MAX_PEERS_LISTED = DSNSettings.MAX_PEERS_LISTED.defaultValue();
    /** Secure protocol: how far a message's time may be from the receiver's clock, either way. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = DSNSettings.MAX_CLOCK_SKEW.defaultValue();
    /** Narrower windows refuse honest messages that took long on the way; wider ones are a unit mistake. */
    public static final Duration MIN_MAX_CLOCK_SKEW = DSNSettings.MAX_CLOCK_SKEW.min();
    public static final Duration MAX_MAX_CLOCK_SKEW = DSNSettings.MAX_CLOCK_SKEW.max();

    /** The checked value of every setting, the limits' included. */
    private final Map<DSNSetting<?>, @Nullable Object> values;
    /** Built once from the limits' values, which it checks together. */
    private final TransportLimits limits;
    private final DSNSettingNaming naming;

    private DSNodeConfig(Map<DSNSetting<?>, @Nullable Object> values, TransportLimits limits, DSNSettingNaming naming) {
        this.values = values;
        this.limits = limits;
        this.naming = naming;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder.settingNaming(naming);
    }

    /**
     * The value of a setting in this configuration; {@code null} only for a setting without a
     * default that was not set ({@link DSNSettings#AES_KEY}).
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T value(DSNSetting<T> setting) {
        return (T) values.get(setting);
    }

    /**
     * How this configuration's user names the settings, in the node's errors and logs: the Python
     * keys by default, the Spring properties in the starter.
     */
    public DSNSettingNaming settingNaming() {
        return naming;
    }

    /**
     * Builds a configuration from the keys of the Python node's {@code DSNodeConfig.from_dict}:
     * {@code node_id}, {@code port}, {@code aes_key}, {@code credential_dir}, {@code network_ip},
     * {@code bootstrap_nodes} (a list of maps with {@code address} and {@code port}), and the Java
     * node's extra settings: the {@link DSNSetting#key() key} of every setting of
     * {@link DSNSettings}. Durations are seconds (fractions allowed), sizes bytes, {@code protocol}
     * is {@code compatible} or {@code secure}; {@code limits} is a map of the
     * {@link TransportLimits} under their keys without the {@code limits.} prefix
     * ({@code max_connections}, ...).
     *
     * @throws DSNConfigurationException for an unknown key or a wrong value
     */
    public static DSNodeConfig fromMap(Map<String, ?> map) {
        return ConfigMapReader.read(map);
    }

    public String nodeId() {
        return required(DSNSettings.NODE_ID);
    }

    /** The port to listen on; 0 asks the operating system for a free one. */
    public int port() {
        return required(DSNSettings.PORT);
    }

    /** The network key as 64 hex characters, when one is configured. */
    public Optional<String> aesKey() {
        return Optional.ofNullable(value(DSNSettings.AES_KEY));
    }

    /** Whether messages are encrypted with the network key (false only for Python networks without a key). */
    public boolean encryption() {
        return required(DSNSettings.ENCRYPTION);
    }

    public Path credentialDir() {
        return required(DSNSettings.CREDENTIAL_DIR);
    }

    /** The address this node advertises to its peers. */
    public String networkIp() {
        return required(DSNSettings.NETWORK_IP);
    }

    /** The local address the server binds to. */
    public String bindAddress() {
        return required(DSNSettings.BIND_ADDRESS);
    }

    public List<Endpoint> bootstrapNodes() {
        return required(DSNSettings.BOOTSTRAP_NODES);
    }

    /** How often the node pings its peers and gossips its state. */
    public Duration tickInterval() {
        return required(DSNSettings.TICK_INTERVAL);
    }

    /** How long one request may take before the attempt fails. */
    public Duration requestTimeout() {
        return required(DSNSettings.REQUEST_TIMEOUT);
    }

    /** How many attempts a request gets in all before the exchange fails. */
    public int attempts() {
        return required(DSNSettings.ATTEMPTS);
    }

    /** The pause between two attempts of one request. */
    public Duration retryPause() {
        return required(DSNSettings.RETRY_PAUSE);
    }

    /**
     * The largest request body the server accepts, in bytes; larger ones get 413. A write whose
     * request would be larger fails at once with {@link MessageTooLargeException}: give every
     * node of a network the same limit.
     */
    public int maxBodySize() {
        return required(DSNSettings.MAX_BODY_SIZE);
    }

    /**
     * The most requests the node works on at once (decrypting, verifying, applying, answering);
     * the network I/O itself runs on shared event loops.
     */
    public int serverThreads() {
        return required(DSNSettings.SERVER_THREADS);
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
        return required(DSNSettings.MAX_FAILED_REQUESTS_PER_MINUTE);
    }

    /**
     * The most peers the node keeps; past it, new nodes are refused with 429 (never a peer it has).
     * Give it room for the whole network.
     */
    public int maxPeers() {
        return required(DSNSettings.MAX_PEERS);
    }

    /**
     * How many nodes never seen before the node pins a key for per minute, from their HELLO
     * requests (a burst of that many, then evenly); past it, their HELLO gets 429 and they try again.
     */
    public int newKeysPerMinute() {
        return required(DSNSettings.NEW_KEYS_PER_MINUTE);
    }

    /** How many entries of a peer's PEERS answer the node takes; the rest are ignored. */
    public int maxPeersListed() {
        return required(DSNSettings.MAX_PEERS_LISTED);
    }

    /** The wire protocol: {@link ProtocolMode#COMPATIBLE} (the default, Python's) or {@link ProtocolMode#SECURE}. */
    public ProtocolMode protocol() {
        return required(DSNSettings.PROTOCOL);
    }

    /** Which implementation of ECDSA the node uses: {@link CryptoProvider#AUTO} (the default) picks libsecp256k1 where it loads. */
    public CryptoProvider cryptoProvider() {
        return required(DSNSettings.CRYPTO_PROVIDER);
    }

    /**
     * Secure protocol: the network keys accepted besides {@link #aesKey()}, which is the primary
     * one requests are sealed with; 64 hex characters each. Empty in the compatible protocol.
     */
    public List<String> networkKeys() {
        return required(DSNSettings.NETWORK_KEYS);
    }

    /**
     * Secure protocol: how far the time a message was sent may be from this node's clock, either
     * way; outside it, and when its message id was taken before, a message is refused (425).
     */
    public Duration maxClockSkew() {
        return required(DSNSettings.MAX_CLOCK_SKEW);
    }

    private <T> T required(DSNSetting<T> setting) {
        T value = value(setting);
        if (value == null) {
            throw new IllegalStateException(setting.key() + " has no value");
        }
        return value;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DSNodeConfig[");
        for (DSNSetting<?> setting : DSNSettings.ALL) {
            if (!setting.isLimit()) {
                text.append(setting.javaName()).append('=').append(shown(setting, values.get(setting))).append(", ");
            }
        }
        return text.append("limits=").append(limits).append(']').toString();
    }

    /** Keys never go to a message: a key shows whether it is set, a list of keys how many it holds. */
    static String shown(DSNSetting<?> setting, @Nullable Object value) {
        if (value instanceof Enum<?> choice) {
            return DSNSetting.choiceName(choice);
        }
        if (!setting.secret()) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> keys) {
            return keys.size() + " keys";
        }
        return value == null ? "none" : "(set)";
    }

    /** Collects and checks the settings of a {@link DSNodeConfig}. */
    public static final class Builder {

        /** The values set so far; a setting without one takes its default. */
        private final Map<DSNSetting<?>, @Nullable Object> values = new IdentityHashMap<>();
        private DSNSettingNaming naming = DSNSettingNaming.PYTHON_KEYS;

        private Builder() {
        }

        /**
         * Sets any setting by its declaration: the typed methods ({@link #tickInterval}, ...) do the
         * same. Checked by {@link #build()}.
         */
        public <T> Builder set(DSNSetting<T> setting, @Nullable T value) {
            values.put(setting, setting.type().cast(value));
            return this;
        }

        /**
         * How the node's errors and logs name its settings; {@link DSNSettingNaming#PYTHON_KEYS} when
         * not set. The Spring Boot starter sets {@link DSNSettingNaming#SPRING_PROPERTIES}.
         */
        public Builder settingNaming(DSNSettingNaming naming) {
            this.naming = Objects.requireNonNull(naming, "naming");
            return this;
        }

        public Builder nodeId(String nodeId) {
            return set(DSNSettings.NODE_ID, nodeId);
        }

        public Builder port(int port) {
            return set(DSNSettings.PORT, port);
        }

        /** The network key, 64 hex characters; {@code null} for none. */
        public Builder aesKey(@Nullable String aesKey) {
            return set(DSNSettings.AES_KEY, aesKey);
        }

        public Builder encryption(boolean encryption) {
            return set(DSNSettings.ENCRYPTION, encryption);
        }

        public Builder credentialDir(Path credentialDir) {
            return set(DSNSettings.CREDENTIAL_DIR, credentialDir);
        }

        public Builder networkIp(String networkIp) {
            return set(DSNSettings.NETWORK_IP, networkIp);
        }

        public Builder bindAddress(String bindAddress) {
            return set(DSNSettings.BIND_ADDRESS, bindAddress);
        }

        public Builder bootstrapNodes(List<Endpoint> bootstrapNodes) {
            return set(DSNSettings.BOOTSTRAP_NODES, new ArrayList<>(Objects.requireNonNull(bootstrapNodes, "bootstrapNodes")));
        }

        public Builder addBootstrapNode(Endpoint endpoint) {
            List<Endpoint> nodes = new ArrayList<>(valueOf(DSNSettings.BOOTSTRAP_NODES));
            nodes.add(Objects.requireNonNull(endpoint, "endpoint"));
            return set(DSNSettings.BOOTSTRAP_NODES, nodes);
        }

        public Builder addBootstrapNode(String address, int port) {
            return addBootstrapNode(new Endpoint(address, port));
        }

        public Builder tickInterval(Duration tickInterval) {
            return set(DSNSettings.TICK_INTERVAL, tickInterval);
        }

        public Builder requestTimeout(Duration requestTimeout) {
            return set(DSNSettings.REQUEST_TIMEOUT, requestTimeout);
        }

        public Builder attempts(int attempts) {
            return set(DSNSettings.ATTEMPTS, attempts);
        }

        public Builder retryPause(Duration retryPause) {
            return set(DSNSettings.RETRY_PAUSE, retryPause);
        }

        public Builder maxBodySize(int maxBodySize) {
            return set(DSNSettings.MAX_BODY_SIZE, maxBodySize);
        }

        public Builder serverThreads(int serverThreads) {
            return set(DSNSettings.SERVER_THREADS, serverThreads);
        }

        /** The bounds on connections, requests in flight and request time; {@link TransportLimits#DEFAULTS} when not set. */
        public Builder limits(TransportLimits limits) {
            Objects.requireNonNull(limits, "limits");
            return set(DSNSettings.LIMITS_REQUEST_HEAD_TIMEOUT, limits.requestHeadTimeout())
                    .set(DSNSettings.LIMITS_REQUEST_READ_TIMEOUT, limits.requestReadTimeout())
                    .set(DSNSettings.LIMITS_IDLE_TIMEOUT, limits.idleTimeout())
                    .set(DSNSettings.LIMITS_MAX_CONNECTIONS, limits.maxConnections())
                    .set(DSNSettings.LIMITS_MAX_CONNECTIONS_PER_ADDRESS, limits.maxConnectionsPerAddress())
                    .set(DSNSettings.LIMITS_MAX_REQUESTS_IN_FLIGHT, limits.maxRequestsInFlight())
                    .set(DSNSettings.LIMITS_MAX_OUTGOING_IN_FLIGHT, limits.maxOutgoingInFlight())
                    .set(DSNSettings.LIMITS_MAX_OUTGOING_PER_PEER, limits.maxOutgoingPerPeer())
                    .set(DSNSettings.LIMITS_MAX_BUFFERED_BYTES, limits.maxBufferedBytes());
        }

        public Builder maxFailedRequestsPerMinute(int maxFailedRequestsPerMinute) {
            return set(DSNSettings.MAX_FAILED_REQUESTS_PER_MINUTE, maxFailedRequestsPerMinute);
        }

        public Builder maxPeers(int maxPeers) {
            return set(DSNSettings.MAX_PEERS, maxPeers);
        }

        public Builder newKeysPerMinute(int newKeysPerMinute) {
            return set(DSNSettings.NEW_KEYS_PER_MINUTE, newKeysPerMinute);
        }

        public Builder maxPeersListed(int maxPeersListed) {
            return set(DSNSettings.MAX_PEERS_LISTED, maxPeersListed);
        }

        /** The wire protocol; {@link ProtocolMode#COMPATIBLE} when not set. */
        public Builder protocol(ProtocolMode protocol) {
            return set(DSNSettings.PROTOCOL, Objects.requireNonNull(protocol, "protocol"));
        }

        /** Which implementation of ECDSA the node uses; {@link CryptoProvider#AUTO} when not set. */
        public Builder cryptoProvider(CryptoProvider cryptoProvider) {
            return set(DSNSettings.CRYPTO_PROVIDER, Objects.requireNonNull(cryptoProvider, "cryptoProvider"));
        }

        /** Secure protocol: network keys accepted besides the {@link #aesKey primary one}, 64 hex characters each. */
        public Builder networkKeys(List<String> networkKeys) {
            return set(DSNSettings.NETWORK_KEYS, new ArrayList<>(Objects.requireNonNull(networkKeys, "networkKeys")));
        }

        /** Secure protocol: see {@link DSNodeConfig#maxClockSkew()}. */
        public Builder maxClockSkew(Duration maxClockSkew) {
            return set(DSNSettings.MAX_CLOCK_SKEW, maxClockSkew);
        }

        /**
         * Checks every setting and builds the configuration.
         *
         * @throws DSNConfigurationException naming the first wrong setting
         */
        public DSNodeConfig build() {
            String nodeId = valueOf(DSNSettings.NODE_ID);
            if (nodeId == null || nodeId.isBlank()) {
                throw new DSNConfigurationException(DSNSettings.NODE_ID,
                        "is required: give every node of the network its own id");
            }
            if (!CredentialStore.isSafeNodeId(nodeId)) {
                throw new DSNConfigurationException(DSNSettings.NODE_ID, "'" + nodeId + "' cannot be used: it must be a"
                        + " valid file name (no '/', '\\', control characters, '.' or '..', at most 255 bytes)");
            }
            checkedValue(DSNSettings.PORT);
            String aesKey = valueOf(DSNSettings.AES_KEY);
            if (aesKey != null) {
                try {
                    NetworkKey.parse(aesKey);
                } catch (IllegalArgumentException e) {
                    throw new DSNConfigurationException(DSNSettings.AES_KEY, "is not valid: " + e.getMessage());
                }
            }
            // The mistake a new user makes first is named first, before the bounds of the others.
            checkKeyToJoin();
            Map<DSNSetting<?>, @Nullable Object> checked = new IdentityHashMap<>();
            for (DSNSetting<?> setting : DSNSettings.ALL) {
                checked.put(setting, checkedValue(setting));
            }
            checked.put(DSNSettings.BOOTSTRAP_NODES, List.copyOf(valueOf(DSNSettings.BOOTSTRAP_NODES)));
            checked.put(DSNSettings.NETWORK_KEYS, List.copyOf(valueOf(DSNSettings.NETWORK_KEYS)));
            checkAddresses();
            checkSecureProtocol();
            return new DSNodeConfig(Collections.unmodifiableMap(checked), limits(), naming);
        }

        /** This builder's value of a setting, or its default. */
        @SuppressWarnings("unchecked")
        private <T> T valueOf(DSNSetting<T> setting) {
            return values.containsKey(setting) ? (T) values.get(setting) : setting.defaultValue();
        }

        private <T> @Nullable T checkedValue(DSNSetting<T> setting) {
            T value = valueOf(setting);
            setting.check(value);
            return value;
        }

        private TransportLimits limits() {
            return new TransportLimits(valueOf(DSNSettings.LIMITS_REQUEST_HEAD_TIMEOUT),
                    valueOf(DSNSettings.LIMITS_REQUEST_READ_TIMEOUT), valueOf(DSNSettings.LIMITS_IDLE_TIMEOUT),
                    valueOf(DSNSettings.LIMITS_MAX_CONNECTIONS), valueOf(DSNSettings.LIMITS_MAX_CONNECTIONS_PER_ADDRESS),
                    valueOf(DSNSettings.LIMITS_MAX_REQUESTS_IN_FLIGHT), valueOf(DSNSettings.LIMITS_MAX_OUTGOING_IN_FLIGHT),
                    valueOf(DSNSettings.LIMITS_MAX_OUTGOING_PER_PEER), valueOf(DSNSettings.LIMITS_MAX_BUFFERED_BYTES));
        }

        private void checkAddresses() {
            String networkIp = valueOf(DSNSettings.NETWORK_IP);
            if (!NetworkAddresses.isIpOrHostName(networkIp)) {
                throw new DSNConfigurationException(DSNSettings.NETWORK_IP, "'" + networkIp + "' is neither an IP address"
                        + " nor a host name: set it to the address the other nodes reach this one at, for example 10.0.0.7");
            }
            for (Endpoint endpoint : valueOf(DSNSettings.BOOTSTRAP_NODES)) {
                if (endpoint.port() < 1) {
                    throw new DSNConfigurationException(DSNSettings.BOOTSTRAP_NODES, "entry " + endpoint
                            + " has no port: give each entry an address and a port between 1 and 65535");
                }
                if (endpoint.address().isBlank()) {
                    throw new DSNConfigurationException(DSNSettings.BOOTSTRAP_NODES, "must not be empty");
                }
            }
        }

        private void checkKeyToJoin() {
            List<Endpoint> bootstrapNodes = valueOf(DSNSettings.BOOTSTRAP_NODES);
            if (Boolean.TRUE.equals(valueOf(DSNSettings.ENCRYPTION)) && valueOf(DSNSettings.AES_KEY) == null
                    && bootstrapNodes != null && !bootstrapNodes.isEmpty()) {
                throw new DSNConfigurationException(DSNSettings.AES_KEY, naming -> "is required to join a network through "
                        + naming.nameOf(DSNSettings.BOOTSTRAP_NODES) + ": " + KEY_TO_JOIN.apply(naming));
            }
        }

        private void checkSecureProtocol() {
            List<String> networkKeys = valueOf(DSNSettings.NETWORK_KEYS);
            String aesKey = valueOf(DSNSettings.AES_KEY);
            if (valueOf(DSNSettings.PROTOCOL) == ProtocolMode.COMPATIBLE) {
                if (!networkKeys.isEmpty()) {
                    throw new DSNConfigurationException(DSNSettings.NETWORK_KEYS, naming -> "needs " + naming.nameOf(DSNSettings.PROTOCOL) + " secure: the"
                            + " compatible protocol has one network key (" + naming.nameOf(DSNSettings.AES_KEY)
                            + ") and cannot tell keys apart");
                }
                return;
            }
            if (!valueOf(DSNSettings.ENCRYPTION)) {
                throw new DSNConfigurationException(DSNSettings.ENCRYPTION, naming -> "must not be false with "
                        + naming.nameOf(DSNSettings.PROTOCOL) + " secure, which always encrypts: false only serves Python"
                        + " networks without a key");
            }
            if (aesKey == null && !networkKeys.isEmpty()) {
                throw new DSNConfigurationException(DSNSettings.AES_KEY, naming -> "is required with "
                        + naming.nameOf(DSNSettings.NETWORK_KEYS) + ": it is the primary key that requests are sealed"
                        + " with, " + naming.nameOf(DSNSettings.NETWORK_KEYS) + " are only accepted");
            }
            Set<NetworkKey> seen = new HashSet<>();
            if (aesKey != null) {
                seen.add(NetworkKey.parse(aesKey));
            }
            for (int i = 0; i < networkKeys.size(); i++) {
                int index = i;
                NetworkKey key;
                try {
                    key = NetworkKey.parse(networkKeys.get(i));
                } catch (IllegalArgumentException e) {
                    throw new DSNConfigurationException(DSNSettings.NETWORK_KEYS, "[" + index + "] is not valid: "
                            + e.getMessage());
                }
                if (!seen.add(key)) {
                    throw new DSNConfigurationException(DSNSettings.NETWORK_KEYS, naming -> "[" + index + "] is given twice"
                            + " (or is " + naming.nameOf(DSNSettings.AES_KEY) + "): give each key once");
                }
            }
            if (seen.size() > NetworkKeyring.MAX_KEYS) {
                throw new DSNConfigurationException(DSNSettings.NETWORK_KEYS, naming -> "holds too many keys: a node holds"
                        + " at most " + NetworkKeyring.MAX_KEYS + " network keys, " + naming.nameOf(DSNSettings.AES_KEY)
                        + " included; got " + seen.size());
            }
        }
    }

    /**
     * How to give a node the network key it needs to join, with the way out for a Python network
     * without a key; shared with {@link DSNodeServer}'s check of a bootstrap source.
     */
    static final Function<DSNSettingNaming, String> KEY_TO_JOIN = naming -> "set it to the network's key (64 hex"
            + " characters: the network-key.hex file the first node stored in its credential directory), or set "
            + naming.nameOf(DSNSettings.ENCRYPTION) + "=false only to join a Python network that runs without a key";
}
