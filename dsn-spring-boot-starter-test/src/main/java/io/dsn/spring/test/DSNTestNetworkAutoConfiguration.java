package io.dsn.spring.test;

import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.spring.autoconfigure.DSNProperties;
import io.dsn.spring.autoconfigure.InMemoryNetworks;
import io.dsn.spring.autoconfigure.InvalidDSNPropertyException;
import io.dsn.transport.InMemoryNetwork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The in-memory network of a test context with {@link InMemoryDSNNetwork}, and the
 * {@link DSNTestNetwork} that starts peers on it. Imported by the annotation; the
 * {@link DSNAutoConfiguration} puts the application's node on the {@link InMemoryNetwork} bean.
 */
@AutoConfiguration(after = DSNAutoConfiguration.class)
@ConditionalOnBean(DSNodeServer.class)
public final class DSNTestNetworkAutoConfiguration {

    /** A network of the context's own, closed with it; none when the test names a JVM-wide one to share. */
    @Bean
    @ConditionalOnMissingBean
    @Conditional(OnOwnTestNetworkCondition.class)
    InMemoryNetwork dsnTestInMemoryNetwork(Environment environment) {
        return new InMemoryNetwork(environment.getRequiredProperty(TestNetworkPropertySource.NETWORK_NAME));
    }

    @Bean
    @ConditionalOnMissingBean
    DSNTestNetwork dsnTestNetwork(DSNodeServer server, DSNProperties properties,
                                  ObjectProvider<InMemoryNetwork> inMemoryNetwork) {
        if (properties.getTransport() != DSNProperties.TransportType.IN_MEMORY) {
            throw new InvalidDSNPropertyException("dsn.transport", "@InMemoryDSNNetwork puts the node on an in-memory"
                    + " network, but the test sets dsn.transport=" + properties.getTransport().name().toLowerCase()
                    + "; remove that property or the annotation", null);
        }
        InMemoryNetwork network = inMemoryNetwork.getIfAvailable(
                () -> InMemoryNetworks.named(properties.getInMemory().getNetworkName()));
        return new DSNTestNetwork(server, network);
    }
}
