package io.dsn.spring.autoconfigure;

import io.dsn.DSNConfigurationException;
import io.dsn.DSNSetting;
import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.dsn.DSNodeConfig;
import io.dsn.Endpoint;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns the {@code dsn.*} properties into a checked {@link DSNodeConfig}. */
final class DSNodeConfigFactory {

    private DSNodeConfigFactory() {
    }

    /**
     * @param temporaryCredentials a credential directory of this context's own, deleted with it:
     *     the in-memory transport's when {@code dsn.credential-dir} is not set
     */
    static DSNodeConfig create(DSNSettingValues settings, DSNProperties properties, DSNTransportChoice transport,
                               Environment environment, List<DSNodeConfigCustomizer> customizers,
                               Supplier<Path> temporaryCredentials) {
        DSNodeConfig.Builder builder = DSNodeConfig.builder().settingNaming(DSNSettingNaming.SPRING_PROPERTIES);
        for (Map.Entry<DSNSetting<?>, Object> given : settings.given().entrySet()) {
            set(builder, given.getKey(), given.getValue());
        }
        transport.configure(builder, settings, temporaryCredentials);
        builder.nodeId(nodeId(settings, environment)).networkIp(networkIp(settings, properties, transport));
        customizers.forEach(customizer -> customizer.customize(builder));
        try {
            return builder.build();
        } catch (DSNConfigurationException e) {
            throw invalid(e);
        }
    }

    private static <T> void set(DSNodeConfig.Builder builder, DSNSetting<T> setting, Object value) {
        builder.set(setting, setting.type().cast(value));
    }

    /**
     * The configured network IP, or else: the transport's (127.0.0.1 in memory), or 127.0.0.1 when
     * the node binds to loopback or bootstraps through loopback nodes only (one host: a developer's
     * machine), else a site-local address of this host.
     */
    private static String networkIp(DSNSettingValues settings, DSNProperties properties, DSNTransportChoice transport) {
        String configured = settings.given(DSNSettings.NETWORK_IP).orElse(transport.defaultNetworkIp());
        if (configured != null) {
            return configured;
        }
        List<Endpoint> nodes = settings.valueOrDefault(DSNSettings.BOOTSTRAP_NODES);
        boolean loopbackOnly = NetworkIpDetector.isLoopback(String.valueOf(settings.valueOrDefault(DSNSettings.BIND_ADDRESS)))
                || (!nodes.isEmpty() && !StringUtils.hasText(properties.getDiscovery().getDns().getName())
                && !StringUtils.hasText(properties.getDiscovery().getClient().getServiceId())
                && nodes.stream().allMatch(node -> NetworkIpDetector.isLoopback(node.address())));
        return loopbackOnly ? NetworkIpDetector.LOOPBACK : NetworkIpDetector.detect();
    }

    private static String nodeId(DSNSettingValues settings, Environment environment) {
        String configured = settings.given(DSNSettings.NODE_ID).orElseGet(() -> DefaultNodeId.of(environment));
        if (configured != null) {
            return configured;
        }
        throw new InvalidDSNPropertyException(DSNSettings.NODE_ID.springProperty(),
                "the node has no id: set dsn.node-id to an id unique in the network (or spring.application.name, "
                        + "whose default id is <spring.application.name>-<host name>)", null);
    }

    /** The core's failure as the property at fault, worded in the properties' names. */
    static InvalidDSNPropertyException invalid(DSNConfigurationException e) {
        String property = e.declaration().map(DSNSetting::springProperty).orElse(e.setting());
        return new InvalidDSNPropertyException(property, e.messageIn(DSNSettingNaming.SPRING_PROPERTIES), e);
    }
}
