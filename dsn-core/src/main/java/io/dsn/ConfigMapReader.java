package io.dsn;

import io.dsn.transport.TransportLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@link DSNodeConfig} from the Python node's configuration keys. */
final class ConfigMapReader {

    static final Set<String> KEYS = Set.of(
            "node_id", "port", "aes_key", "credential_dir", "network_ip", "bootstrap_nodes",
            "encryption", "bind_address", "tick_interval", "request_timeout", "retry_pause",
            "attempts", "max_body_size", "server_threads", "max_failed_requests_per_minute",
            "max_peers", "new_keys_per_minute", "max_peers_listed", "limits", "protocol", "network_keys",
            "max_clock_skew");

    /** The keys of the {@code limits} map: {@link io.dsn.transport.TransportLimits}, durations in seconds. */
    static final Set<String> LIMIT_KEYS = Set.of(
            "request_head_timeout", "request_read_timeout", "idle_timeout", "max_connections",
            "max_connections_per_address", "max_requests_in_flight", "max_outgoing_in_flight", "max_outgoing_per_peer",
            "max_buffered_bytes");

    private ConfigMapReader() {
    }

    static DSNodeConfig read(Map<String, ?> map) {
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new DSNConfigurationException(key, "Unknown DSN configuration key '" + key
                        + "'; valid keys are " + new TreeSet<>(KEYS));
            }
        }
        DSNodeConfig.Builder builder = DSNodeConfig.builder();
        if (map.get("node_id") != null) {
            builder.nodeId(text(map, "node_id"));
        }
        if (map.get("port") != null) {
            builder.port(integer(map, "port"));
        }
        if (map.get("aes_key") != null) {
            builder.aesKey(text(map, "aes_key"));
        }
        if (map.get("credential_dir") != null) {
            builder.credentialDir(Path.of(text(map, "credential_dir")));
        }
        if (map.get("network_ip") != null) {
            builder.networkIp(text(map, "network_ip"));
        }
        if (map.get("bind_address") != null) {
            builder.bindAddress(text(map, "bind_address"));
        }
        if (map.get("bootstrap_nodes") != null) {
            builder.bootstrapNodes(endpoints(map.get("bootstrap_nodes")));
        }
        if (map.get("encryption") != null) {
            builder.encryption(bool(map, "encryption"));
        }
        if (map.get("tick_interval") != null) {
            builder.tickInterval(seconds(map, "tick_interval"));
        }
        if (map.get("request_timeout") != null) {
            builder.requestTimeout(seconds(map, "request_timeout"));
        }
        if (map.get("retry_pause") != null) {
            builder.retryPause(seconds(map, "retry_pause"));
        }
        if (map.get("attempts") != null) {
            builder.attempts(integer(map, "attempts"));
        }
        if (map.get("max_body_size") != null) {
            builder.maxBodySize(integer(map, "max_body_size"));
        }
        if (map.get("server_threads") != null) {
            builder.serverThreads(integer(map, "server_threads"));
        }
        if (map.get("max_failed_requests_per_minute") != null) {
            builder.maxFailedRequestsPerMinute(integer(map, "max_failed_requests_per_minute"));
        }
        if (map.get("max_peers") != null) {
            builder.maxPeers(integer(map, "max_peers"));
        }
        if (map.get("new_keys_per_minute") != null) {
            builder.newKeysPerMinute(integer(map, "new_keys_per_minute"));
        }
        if (map.get("max_peers_listed") != null) {
            builder.maxPeersListed(integer(map, "max_peers_listed"));
        }
        if (map.get("protocol") != null) {
            try {
                builder.protocol(ProtocolMode.fromConfigName(text(map, "protocol")));
            } catch (IllegalArgumentException e) {
                throw new DSNConfigurationException("protocol", e.getMessage());
            }
        }
        if (map.get("network_keys") != null) {
            builder.networkKeys(texts(map, "network_keys"));
        }
        if (map.get("max_clock_skew") != null) {
            builder.maxClockSkew(seconds(map, "max_clock_skew"));
        }
        if (map.get("limits") != null) {
            builder.limits(limits(map.get("limits")));
        }
        return builder.build();
    }

    private static TransportLimits limits(Object value) {
        if (!(value instanceof Map<?, ?> given)) {
            throw new DSNConfigurationException("limits", "limits must be a map with the keys " + new TreeSet<>(LIMIT_KEYS)
                    + ", was " + describe(value));
        }
        // Named "limits.<key>" so that every message says where the wrong value is.
        Map<String, Object> map = new HashMap<>();
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!LIMIT_KEYS.contains(key)) {
                throw new DSNConfigurationException("limits." + key, "Unknown DSN configuration key 'limits." + key
                        + "'; valid keys of limits are " + new TreeSet<>(LIMIT_KEYS));
            }
            if (entry.getValue() != null) {
                map.put("limits." + key, entry.getValue());
            }
        }
        TransportLimits defaults = TransportLimits.DEFAULTS;
        // Built once from every value, so that no pair is checked half-changed (head timeout against read timeout).
        return new TransportLimits(
                map.containsKey("limits.request_head_timeout") ? seconds(map, "limits.request_head_timeout")
                        : defaults.requestHeadTimeout(),
                map.containsKey("limits.request_read_timeout") ? seconds(map, "limits.request_read_timeout")
                        : defaults.requestReadTimeout(),
                map.containsKey("limits.idle_timeout") ? seconds(map, "limits.idle_timeout") : defaults.idleTimeout(),
                map.containsKey("limits.max_connections") ? integer(map, "limits.max_connections")
                        : defaults.maxConnections(),
                map.containsKey("limits.max_connections_per_address") ? integer(map, "limits.max_connections_per_address")
                        : defaults.maxConnectionsPerAddress(),
                map.containsKey("limits.max_requests_in_flight") ? integer(map, "limits.max_requests_in_flight")
                        : defaults.maxRequestsInFlight(),
                map.containsKey("limits.max_outgoing_in_flight") ? integer(map, "limits.max_outgoing_in_flight")
                        : defaults.maxOutgoingInFlight(),
                map.containsKey("limits.max_outgoing_per_peer") ? integer(map, "limits.max_outgoing_per_peer")
                        : defaults.maxOutgoingPerPeer(),
                map.containsKey("limits.max_buffered_bytes") ? integer(map, "limits.max_buffered_bytes")
                        : defaults.maxBufferedBytes());
    }

    private static String text(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw new DSNConfigurationException(key, key + " must be a string, was " + describe(value));
    }

    private static List<String> texts(Map<String, ?> map, String key) {
        if (map.get(key) instanceof List<?> list && list.stream().allMatch(CharSequence.class::isInstance)) {
            return list.stream().map(Object::toString).toList();
        }
        // The type only: the value may hold keys, which never go to a message.
        Object value = map.get(key);
        throw new DSNConfigurationException(key, key + " must be a list of strings, was a "
                + value.getClass().getSimpleName());
    }

    private static int integer(Map<String, ?> map, String key) {
        return integerValue(key, map.get(key));
    }

    private static int integerValue(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        } else if (value instanceof CharSequence text) {
            try {
                return Integer.parseInt(text.toString().trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new DSNConfigurationException(key, key + " must be a whole number, was " + describe(value));
    }

    private static boolean bool(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
        }
        throw new DSNConfigurationException(key, key + " must be true or false, was " + describe(value));
    }

    private static Duration seconds(Map<String, ?> map, String key) {
        Object value = map.get(key);
        double seconds;
        if (value instanceof Number number) {
            seconds = number.doubleValue();
        } else if (value instanceof CharSequence text) {
            try {
                seconds = Double.parseDouble(text.toString().trim());
            } catch (NumberFormatException e) {
                throw new DSNConfigurationException(key, key + " must be a number of seconds, was " + describe(value));
            }
        } else {
            throw new DSNConfigurationException(key, key + " must be a number of seconds, was " + describe(value));
        }
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > Integer.MAX_VALUE) {
            throw new DSNConfigurationException(key, key + " must be a number of seconds, was " + describe(value));
        }
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }

    private static List<Endpoint> endpoints(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new DSNConfigurationException("bootstrap_nodes",
                    "bootstrap_nodes must be a list of {address, port} maps, was " + describe(value));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> node) || !(node.get("address") instanceof CharSequence address)
                    || node.get("port") == null) {
                throw new DSNConfigurationException("bootstrap_nodes",
                        "bootstrap_nodes entries must be maps with 'address' and 'port', found " + describe(entry));
            }
            int port = integerValue("bootstrap_nodes", node.get("port"));
            if (port < 1 || port > 65535) {
                throw new DSNConfigurationException("bootstrap_nodes",
                        "bootstrap_nodes entry " + address + " has port " + port + "; valid ports are 1 to 65535");
            }
            endpoints.add(new Endpoint(address.toString(), port));
        }
        return endpoints;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")";
    }
}
