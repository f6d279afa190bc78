package io.dsn.spring.autoconfigure;

import io.dsn.DSNSettings;
import io.dsn.DSNodeServer;
import io.dsn.runtime.NodeThreads;
import io.dsn.spring.discovery.DiscoveryClientBootstrapSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Bean;

/**
 * Bootstrap nodes from Spring Cloud's {@link DiscoveryClient} when it is on the class path and
 * {@code dsn.discovery.client.service-id} names a service (a blank one names none): its instances, asked again while the node
 * is not connected.
 */
@AutoConfiguration(beforeName = "io.dsn.spring.autoconfigure.DSNAutoConfiguration",
        afterName = {"org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration",
                "org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration"})
@ConditionalOnClass({DiscoveryClient.class, DSNodeServer.class})
@ConditionalOnBooleanProperty(name = "dsn.enabled", matchIfMissing = true)
@ConditionalOnPropertyText("dsn.discovery.client.service-id")
public final class DSNDiscoveryClientAutoConfiguration {

    @Bean
    @ConditionalOnBean(DiscoveryClient.class)
    @ConditionalOnMissingBean
    DiscoveryClientBootstrapSource dsnDiscoveryClientBootstrapSource(DiscoveryClient client, DSNProperties properties,
                                                                     DSNSettingValues settings,
                                                                     org.springframework.beans.factory.ObjectProvider<NodeThreads> threads) {
        DSNProperties.Discovery discovery = properties.getDiscovery();
        NodeThreads nodeThreads = threads.getIfAvailable(NodeThreads::platform);
        return new DiscoveryClientBootstrapSource(client, discovery.getClient().getServiceId().trim(),
                discovery.getClient().getPortMetadataKey(), settings.valueOrDefault(DSNSettings.PORT),
                DSNAutoConfiguration.refreshInterval(discovery), discovery.getMaxNodes(),
                nodeThreads.newExecutor("dsn-discovery-client", 1), System::nanoTime);
    }
}
