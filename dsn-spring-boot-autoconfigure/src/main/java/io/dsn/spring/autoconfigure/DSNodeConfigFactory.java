package io.dsn.spring.autoconfigure;

import io.dsn.DSNConfigurationException;
import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.util.List;
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

    static DSNodeConfig create(DSNProperties properties, Environment environment, List<DSNodeConfigCustomizer> customizers) {
        DSNodeConfig.Builder builder = DSNodeConfig.builder()
                .nodeId(nodeId(properties, environment))
                .port(properties.getPort())
                .aesKey(StringUtils.hasText(properties.getAesKey()) ? properties.getAesKey().trim() : null)
                .encryption(properties.isEncryption())
                .credentialDir(properties.getCredentialDir())
                .networkIp(properties.getNetworkIp())
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

    private static InvalidDSNPropertyException invalid(DSNConfigurationException e) {
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
