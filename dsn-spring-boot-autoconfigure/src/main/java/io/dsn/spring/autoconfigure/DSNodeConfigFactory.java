package io.dsn.spring.autoconfigure;

import io.dsn.DSNConfigurationException;
import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import io.dsn.transport.InMemoryNetwork;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the {@code dsn.*} properties into a checked {@link DSNodeConfig}. */
final class DSNodeConfigFactory {

    private static final Pattern SETTING_KEY = Pattern.compile(
            "\\b(node_id|aes_key|credential_dir|network_ip|bind_address|bootstrap_nodes|tick_interval"
                    + "|request_timeout|retry_pause|max_body_size|server_threads|max_failed_requests_per_minute"
                    + "|max_peers|new_keys_per_minute|max_peers_listed|network_keys|max_clock_skew"
                    + "|limits\\.[a-z_]+)\\b");

    private DSNodeConfigFactory() {
    }

    /**
     * @param temporaryCredentials a credential directory of this context's own, deleted with it:
     *     the in-memory transport's when {@code dsn.credential-dir} is not set
     */
    static DSNodeConfig create(DSNProperties properties, Environment environment, List<DSNodeConfigCustomizer> customizers,
                               Supplier<Path> temporaryCredentials) {
        boolean inMemory = properties.getTransport() == DSNProperties.TransportType.IN_MEMORY;
        String aesKey = StringUtils.hasText(properties.getAesKey()) ? properties.getAesKey().trim() : null;
        if (aesKey == null && inMemory && properties.isEncryption()) {
            aesKey = InMemoryNetworks.networkKey(properties.getInMemory().getNetworkName());
        }
        DSNodeConfig.Builder builder = DSNodeConfig.builder()
                .nodeId(nodeId(properties, environment))
                .port(inMemory ? 0 : properties.getPort())
                .aesKey(aesKey)
                .encryption(properties.isEncryption())
                .credentialDir(inMemory && !environment.containsProperty("dsn.credential-dir")
                        ? temporaryCredentials.get() : properties.getCredentialDir())
                .networkIp(networkIp(properties, inMemory))
                .bindAddress(properties.getBindAddress())
                .tickInterval(properties.getTickInterval())
                .requestTimeout(properties.getRequestTimeout())
                .attempts(properties.getAttempts())
                .retryPause(properties.getRetryPause())
                .maxBodySize(bodySize(properties))
                .serverThreads(properties.getServerThreads())
                .maxFailedRequestsPerMinute(properties.getMaxFailedRequestsPerMinute())
                .maxPeers(properties.getMaxPeers())
                .newKeysPerMinute(properties.getNewKeysPerMinute())
                .maxPeersListed(properties.getMaxPeersListed())
                .protocol(properties.getProtocol())
                .networkKeys(properties.getNetworkKeys().stream().map(String::trim).toList())
                .maxClockSkew(properties.getMaxClockSkew());
        try {
            builder.limits(properties.getLimits().toTransportLimits());
            for (DSNProperties.BootstrapNode node : properties.getBootstrapNodes()) {
                if (!StringUtils.hasText(node.getAddress())) {
                    throw new DSNConfigurationException("bootstrap_nodes",
                            "every entry needs an address (and a port from 1 to 65535), found " + node);
                }
                builder.addBootstrapNode(new Endpoint(node.getAddress().trim(), node.getPort()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidDSNPropertyException("dsn.bootstrap-nodes", e.getMessage(), e);
        } catch (DSNConfigurationException e) {
            throw invalid(e);
        }
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (DSNConfigurationException e) {
            throw invalid(e);
        }
    }

    /**
     * The configured network IP, or else: 127.0.0.1 in memory, or when the node binds to loopback
     * or bootstraps through loopback nodes only (one host: a developer's machine), else a
     * site-local address of this host.
     */
    private static String networkIp(DSNProperties properties, boolean inMemory) {
        if (properties.getNetworkIp() != null) {
            return properties.getNetworkIp();
        }
        if (inMemory) {
            return InMemoryNetwork.DEFAULT_ADDRESS;
        }
        List<DSNProperties.BootstrapNode> nodes = properties.getBootstrapNodes();
        boolean loopbackOnly = NetworkIpDetector.isLoopback(String.valueOf(properties.getBindAddress()))
                || (!nodes.isEmpty() && !StringUtils.hasText(properties.getDiscovery().getDns().getName())
                && !StringUtils.hasText(properties.getDiscovery().getClient().getServiceId())
                && nodes.stream().allMatch(node -> node.getAddress() != null && NetworkIpDetector.isLoopback(node.getAddress())));
        return loopbackOnly ? NetworkIpDetector.LOOPBACK : NetworkIpDetector.detect();
    }

    private static String nodeId(DSNProperties properties, Environment environment) {
        if (StringUtils.hasText(properties.getNodeId())) {
            return properties.getNodeId().trim();
        }
        String byDefault = DefaultNodeId.of(environment);
        if (byDefault != null) {
            return byDefault;
        }
        throw new InvalidDSNPropertyException("dsn.node-id",
                "the node has no id: set dsn.node-id to an id unique in the network (or spring.application.name, "
                        + "whose default id is <spring.application.name>-<host name>)", null);
    }

    private static int bodySize(DSNProperties properties) {
        long bytes = properties.getMaxBodySize().toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidDSNPropertyException("dsn.max-body-size",
                    "must be at most " + Integer.MAX_VALUE + " bytes, was " + properties.getMaxBodySize(), null);
        }
        return (int) bytes;
    }

    static InvalidDSNPropertyException invalid(DSNConfigurationException e) {
        return new InvalidDSNPropertyException(propertyFor(e.setting()), inSpringTerms(e.getMessage()), e);
    }

    /** The core's messages name settings as the Python keys do ({@code aes_key}); say {@code dsn.aes-key} instead. */
    static String inSpringTerms(String message) {
        Matcher keys = SETTING_KEY.matcher(message);
        StringBuilder result = new StringBuilder();
        while (keys.find()) {
            keys.appendReplacement(result, Matcher.quoteReplacement(propertyFor(keys.group())));
        }
        keys.appendTail(result);
        return result.toString().replace("turn encryption off", "set dsn.encryption=false");
    }

    /** The Spring property for a core setting: {@code aes_key} is {@code dsn.aes-key}. */
    static String propertyFor(String setting) {
        return "dsn." + setting.replace('_', '-');
    }
}
