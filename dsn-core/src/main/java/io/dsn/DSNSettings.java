package io.dsn;

import io.dsn.DSNSetting.Kind;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of a DSN node, each declared once with its key, type, default, bounds and
 * description. {@link DSNodeConfig}, {@link DSNodeConfig#fromMap}, the Spring Boot starter's
 * {@code dsn.*} properties and the configuration reference are derived from this list.
 */
public final class DSNSettings {

    /** The key of the nested map of {@link io.dsn.transport.TransportLimits} in {@link DSNodeConfig#fromMap}. */
    public static final String LIMITS_KEY = "limits";

    public static final DSNSetting<String> NODE_ID = text("node_id", "nodeId", null,
            "Id of this node, unique in the network and stable across restarts (its key pair and pins are kept under it).");
    public static final DSNSetting<Integer> PORT = new DSNSetting<>("port", "port", Integer.class, Kind.WHOLE_NUMBER,
            8000, 0, 65535, false, "Port of the node's DSN server (HTTP). 0 picks a free port.");
    public static final DSNSetting<String> AES_KEY = new DSNSetting<>("aes_key", "aesKey", String.class, Kind.TEXT,
            null, null, null, true, "Network key shared by every node: 64 hexadecimal characters. Required to join"
            + " through bootstrap nodes or discovery (unless encryption is off); a first node without one generates"
            + " it and logs how others join.");
    public static final DSNSetting<Boolean> ENCRYPTION = new DSNSetting<>("encryption", "encryption", Boolean.class,
            Kind.FLAG, true, null, null, false,
            "Whether messages are encrypted with the network key. Turn off only to join a Python network that runs without a key.");
    public static final DSNSetting<Path> CREDENTIAL_DIR = new DSNSetting<>("credential_dir", "credentialDir", Path.class,
            Kind.PATH, Path.of("credentials"), null, null, false,
            "Directory that keeps this node's key pair, the pinned keys of its peers and a generated network key.");
    public static final DSNSetting<String> NETWORK_IP = text("network_ip", "networkIp", "127.0.0.1",
            "Address this node advertises to its peers: set it to an address the other machines reach.");
    public static final DSNSetting<String> BIND_ADDRESS = text("bind_address", "bindAddress", "0.0.0.0",
            "Local address the DSN server listens on.");
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final DSNSetting<List<Endpoint>> BOOTSTRAP_NODES = new DSNSetting<>("bootstrap_nodes",
            "bootstrapNodes", (Class) List.class, Kind.ENDPOINTS, List.of(), null, null, false,
            "Nodes to join the network through, tried in order until one answers: entries with an address and a port.");
    public static final DSNSetting<Duration> TICK_INTERVAL = seconds("tick_interval", "tickInterval",
            Duration.ofSeconds(3), Duration.ofMillis(10), Duration.ofMinutes(10),
            "How often the node pings its peers and gossips its state. A number without a unit is seconds, as in"
                    + " the Python node; from 10ms to 10m.");
    public static final DSNSetting<Duration> REQUEST_TIMEOUT = seconds("request_timeout", "requestTimeout",
            Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMinutes(1),
            "Timeout of one request attempt to a peer. A number without a unit is seconds; from 10ms to 1m. At stop,"
                    + " the node flushes its outboxes for at most this long, then tells its peers it leaves for at most"
                    + " this long again.");
    public static final DSNSetting<Integer> ATTEMPTS = atLeastOne("attempts", "attempts", 3,
            "Attempts per request before the exchange fails (a peer failing its pings is dropped).");
    public static final DSNSetting<Duration> RETRY_PAUSE = seconds("retry_pause", "retryPause", Duration.ofMillis(500),
            Duration.ZERO, Duration.ofMinutes(1),
            "Pause between two attempts of one request. A number without a unit is seconds; at most 1m.");
    public static final DSNSetting<Integer> MAX_BODY_SIZE = new DSNSetting<>("max_body_size", "maxBodySize",
            Integer.class, Kind.BYTES, 16 * 1024 * 1024, 1024, null, false,
            "Largest request body the DSN server accepts; larger ones are refused with 413, and a write whose request"
                    + " would be larger fails at once. Give every node of a network the same.");
    public static final DSNSetting<Integer> SERVER_THREADS = atLeastOne("server_threads", "serverThreads", 8,
            "Most requests the node works on at once (decrypting, verifying, applying, answering).");
    public static final DSNSetting<Integer> MAX_FAILED_REQUESTS_PER_MINUTE = atLeastOne("max_failed_requests_per_minute",
            "maxFailedRequestsPerMinute", 60, "Unreadable requests (that do not decrypt or parse) one remote address"
                    + " may send within a minute; past that, its unreadable requests get 429 for the rest of the minute"
                    + " (its readable ones are still served).");
    public static final DSNSetting<Integer> MAX_PEERS = atLeastOne("max_peers", "maxPeers", 2048,
            "Most peers the node keeps; past it, new nodes are refused with 429 (never a peer it has).");
    public static final DSNSetting<Integer> NEW_KEYS_PER_MINUTE = atLeastOne("new_keys_per_minute", "newKeysPerMinute",
            120, "Nodes never seen before whose keys the node pins per minute from their HELLO requests; past it,"
                    + " their HELLO gets 429 and they try again later. A network of more than about 100 nodes starting for the"
                    + " first time all at once needs more.");
    public static final DSNSetting<Integer> MAX_PEERS_LISTED = atLeastOne("max_peers_listed", "maxPeersListed", 2048,
            "Entries of a peer's PEERS answer the node takes; the rest are ignored.");
    public static final DSNSetting<ProtocolMode> PROTOCOL = new DSNSetting<>("protocol", "protocol", ProtocolMode.class,
            Kind.CHOICE, ProtocolMode.COMPATIBLE, null, null, false,
            "Wire protocol: compatible (the Python package 0.6.7's, so that Java and Python nodes form one network) or"
                    + " secure (Java nodes only: authenticated encryption, replay protection, key rotation). Every node"
                    + " of a network needs the same; each refuses the other's requests.");
    public static final DSNSetting<CryptoProvider> CRYPTO_PROVIDER = new DSNSetting<>("crypto_provider", "cryptoProvider",
            CryptoProvider.class, Kind.CHOICE, CryptoProvider.AUTO, null, null, false,
            "Which implementation of ECDSA signs and verifies: auto (libsecp256k1 where its native library loads,"
                    + " Bouncy Castle otherwise), native (libsecp256k1, about three times faster; the node does not start"
                    + " where it cannot load) or bouncy-castle (Java only). Nodes using either form one network.");
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final DSNSetting<List<String>> NETWORK_KEYS = new DSNSetting<>("network_keys", "networkKeys",
            (Class) List.class, Kind.TEXTS, List.of(), null, null, true,
            "Secure protocol: network keys accepted besides the primary network key, which requests are sealed with;"
                    + " 64 hexadecimal characters each. For a key rotation.");
    public static final DSNSetting<Duration> MAX_CLOCK_SKEW = seconds("max_clock_skew", "maxClockSkew",
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10),
            "Secure protocol: how far the time a message was sent may be from this node's clock, either way; outside"
                    + " it, or when replayed, a message is refused. A number without a unit is seconds; from 1s to 10m.");

    public static final DSNSetting<Duration> LIMITS_REQUEST_HEAD_TIMEOUT = limit("request_head_timeout",
            "requestHeadTimeout", Duration.ofSeconds(10), "Time to read a request's line and headers, from its first"
                    + " byte; slower connections are closed. A number without a unit is seconds.");
    public static final DSNSetting<Duration> LIMITS_REQUEST_READ_TIMEOUT = limit("request_read_timeout",
            "requestReadTimeout", Duration.ofSeconds(30), "Time to read a whole request, body included, from its first"
                    + " byte; slower connections are closed. A number without a unit is seconds.");
    public static final DSNSetting<Duration> LIMITS_IDLE_TIMEOUT = limit("idle_timeout", "idleTimeout",
            Duration.ofSeconds(600), "How long a connection may stay open without a request (a new one: until its first"
                    + " request, at most request_head_timeout). Outgoing connections kept for reuse are closed after half of"
                    + " it, so that a node keeps its connections to the peers it probes in every round. A number without a"
                    + " unit is seconds.");
    public static final DSNSetting<Integer> LIMITS_MAX_CONNECTIONS = atLeastOne(LIMITS_KEY + ".max_connections",
            "maxConnections", 4096, "Most connections the DSN server keeps open at once; more are closed as they arrive."
                    + " Also the most idle outgoing connections the node keeps for reuse.");
    public static final DSNSetting<Integer> LIMITS_MAX_CONNECTIONS_PER_ADDRESS = atLeastOne(
            LIMITS_KEY + ".max_connections_per_address", "maxConnectionsPerAddress", 512,
            "Most connections the DSN server keeps open at once from one IP address (count every node on one host).");
    public static final DSNSetting<Integer> LIMITS_MAX_REQUESTS_IN_FLIGHT = atLeastOne(
            LIMITS_KEY + ".max_requests_in_flight", "maxRequestsInFlight", 256,
            "Most requests the DSN server reads and answers at once; more are answered 503.");
    public static final DSNSetting<Integer> LIMITS_MAX_OUTGOING_IN_FLIGHT = atLeastOne(
            LIMITS_KEY + ".max_outgoing_in_flight", "maxOutgoingInFlight", 2048,
            "Most requests this node waits for answers to at once; more fail at once.");
    public static final DSNSetting<Integer> LIMITS_MAX_OUTGOING_PER_PEER = atLeastOne(
            LIMITS_KEY + ".max_outgoing_per_peer", "maxOutgoingPerPeer", 32,
            "Most requests this node waits for answers to from one peer at once; more fail at once.");
    public static final DSNSetting<Long> LIMITS_MAX_BUFFERED_BYTES = new DSNSetting<>(LIMITS_KEY + ".max_buffered_bytes",
            "maxBufferedBytes", Long.class, Kind.BYTES, 64L * 1024 * 1024, 1024L, null, false,
            "Most bytes of request bodies the DSN server holds at once, being read or answered; a request that would"
                    + " need more is answered 503. Never less than the largest request body.");

    /** Every setting, in the order of the configuration reference. */
    public static final List<DSNSetting<?>> ALL = List.of(NODE_ID, PORT, AES_KEY, ENCRYPTION, PROTOCOL, NETWORK_KEYS,
            MAX_CLOCK_SKEW, CRYPTO_PROVIDER, CREDENTIAL_DIR, NETWORK_IP, BIND_ADDRESS, BOOTSTRAP_NODES, TICK_INTERVAL, REQUEST_TIMEOUT,
            ATTEMPTS, RETRY_PAUSE, MAX_BODY_SIZE, SERVER_THREADS, MAX_FAILED_REQUESTS_PER_MINUTE, MAX_PEERS,
            NEW_KEYS_PER_MINUTE, MAX_PEERS_LISTED, LIMITS_REQUEST_HEAD_TIMEOUT, LIMITS_REQUEST_READ_TIMEOUT,
            LIMITS_IDLE_TIMEOUT, LIMITS_MAX_CONNECTIONS, LIMITS_MAX_CONNECTIONS_PER_ADDRESS, LIMITS_MAX_REQUESTS_IN_FLIGHT,
            LIMITS_MAX_OUTGOING_IN_FLIGHT, LIMITS_MAX_OUTGOING_PER_PEER, LIMITS_MAX_BUFFERED_BYTES);

    private static final Map<String, DSNSetting<?>> BY_KEY = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(DSNSetting::key, Function.identity()));

    private DSNSettings() {
    }

    /** The setting with this Python key ({@code tick_interval}, {@code limits.max_connections}). */
    public static Optional<DSNSetting<?>> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    private static DSNSetting<String> text(String key, String javaName, @Nullable String defaultValue, String description) {
        return new DSNSetting<>(key, javaName, String.class, Kind.TEXT, defaultValue, null, null, false, description);
    }

    private static DSNSetting<Integer> atLeastOne(String key, String javaName, int defaultValue, String description) {
        return new DSNSetting<>(key, javaName, Integer.class, Kind.WHOLE_NUMBER, defaultValue, 1, null, false, description);
    }

    private static DSNSetting<Duration> seconds(String key, String javaName, Duration defaultValue, Duration min,
                                                Duration max, String description) {
        return new DSNSetting<>(key, javaName, Duration.class, Kind.SECONDS, defaultValue, min, max, false, description);
    }

    /** A time limit of the transport: positive, without an upper bound. */
    private static DSNSetting<Duration> limit(String key, String javaName, Duration defaultValue, String description) {
        return new DSNSetting<>(LIMITS_KEY + "." + key, javaName, Duration.class, Kind.SECONDS, defaultValue,
                Duration.ofNanos(1), null, false, description);
    }
}
