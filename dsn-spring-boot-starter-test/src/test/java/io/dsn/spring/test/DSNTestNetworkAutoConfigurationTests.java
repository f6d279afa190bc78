package io.dsn.spring.test;

import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.DSNAutoConfiguration;
import io.dsn.transport.InMemoryNetwork;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The test network's beans back off for the application's own. */
class DSNTestNetworkAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class, DSNTestNetworkAutoConfiguration.class))
            .withPropertyValues("dsn.node-id=app", "dsn.transport=in-memory",
                    "dsn.in-memory.network-name=own-" + UUID.randomUUID());

    @Test
    void anOwnInMemoryNetworkIsTheTestNetworksNetwork() {
        try (InMemoryNetwork own = new InMemoryNetwork("own-network")) {
            runner.withBean(InMemoryNetwork.class, () -> own).run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(InMemoryNetwork.class);
                assertThat(context.getBean(DSNTestNetwork.class).network()).isSameAs(own);
                assertThat(own.endpoints()).containsExactly(context.getBean(DSNodeServer.class).endpoint());
            });
        }
    }

    @Test
    void anOwnTestNetworkReplacesTheAutoConfiguredOne() {
        try (InMemoryNetwork own = new InMemoryNetwork("own-network")) {
            runner.withBean(InMemoryNetwork.class, () -> own).withUserConfiguration(OwnTestNetwork.class)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBeansOfType(DSNTestNetwork.class)).containsOnlyKeys("ownTestNetwork");
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTestNetwork {

        @Bean
        DSNTestNetwork ownTestNetwork(DSNodeServer server, InMemoryNetwork network) {
            return new DSNTestNetwork(server, network);
        }
    }
}
