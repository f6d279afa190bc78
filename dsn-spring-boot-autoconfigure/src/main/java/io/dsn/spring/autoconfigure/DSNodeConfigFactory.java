package io.dsn.spring.autoconfigure;

import io.dsn.DSNConfigurationException;
import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.util.List;

/** Turns the {@code dsn.*} properties into a checked {@link DSNodeConfig}. */
final class DSNodeConfigFactory {

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
                .serverThreads(properties.getServerThreads());
        try {
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
        String applicationName = environment.getProperty("spring.application.name");
        if (StringUtils.hasText(applicationName)) {
            return applicationName.trim();
        }
        throw new InvalidDSNPropertyException("dsn.node-id",
                "the node has no id: set dsn.node-id (or spring.application.name) to an id unique in the network", null);
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
        return new InvalidDSNPropertyException(propertyFor(e.setting()), e.getMessage(), e);
    }

    /** The Spring property for a core setting: {@code aes_key} is {@code dsn.aes-key}. */
    static String propertyFor(String setting) {
        return "dsn." + setting.replace('_', '-');
    }
}
