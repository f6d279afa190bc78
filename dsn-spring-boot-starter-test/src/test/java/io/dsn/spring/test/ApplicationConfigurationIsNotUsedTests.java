package io.dsn.spring.test;

import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.spring.autoconfigure.InMemoryNetworks;
import io.dsn.spring.discovery.DnsBootstrapSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application.yml sets a port, a key, a credential directory, a network IP, a bootstrap node
 * that does not answer, DNS discovery and an in-memory network name: the test's node uses none of
 * them, and warns about none. What the application sets beyond those (its node id, timings) stays.
 */
@SpringBootTest
@InMemoryDSNNetwork
@ExtendWith(OutputCaptureExtension.class)
class ApplicationConfigurationIsNotUsedTests {

    private static final String APPLICATION_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Autowired
    DSNodeServer server;

    @Autowired
    DSNTestNetwork network;

    @Autowired
    ApplicationContext context;

    @Test
    void theNodeRunsOnANetworkOfItsOwnWithNoneOfTheApplicationsPortKeyCredentialsAddressOrBootstrapNodes() {
        DSNodeConfig config = server.config();

        assertThat(config.nodeId()).as("the application's own id stays").isEqualTo("sensor-node");
        assertThat(config.tickInterval()).as("the application's timing stays").hasMillis(200);
        assertThat(config.port()).isZero();
        assertThat(server.endpoint().port()).isNotEqualTo(8001);
        assertThat(server.endpoint().address()).isEqualTo("127.0.0.1");
        assertThat(config.networkIp()).isEqualTo("127.0.0.1");
        assertThat(config.aesKey()).isPresent().get().isNotEqualTo(APPLICATION_KEY);
        assertThat(network.networkKey()).isEqualTo(config.aesKey().get());
        assertThat(config.bootstrapNodes()).isEmpty();
        assertThat(config.credentialDir()).exists().isNotEqualTo(Path.of("target/application-yml-credentials"));
        assertThat(Path.of("target/application-yml-credentials")).doesNotExist();
        assertThat(context.getBeanNamesForType(DnsBootstrapSource.class)).isEmpty();
        assertThat(network.network().name()).startsWith("InMemoryDSNNetwork-").isNotEqualTo("from-application-yml");
        assertThat(network.network().endpoints()).containsExactly(server.endpoint());
        assertThat(InMemoryNetworks.named("from-application-yml").endpoints()).isEmpty();
    }

    @Test
    void nothingWarnsAboutBootstrapNodesThatDoNotAnswer(CapturedOutput output) {
        assertThat(output).as("the context started while the output was captured")
                .contains("DSN node sensor-node serving at 127.0.0.1:");
        assertThat(output).doesNotContain("No bootstrap node").doesNotContain("127.0.0.1:1 ")
                .doesNotContain("dsn-peers.invalid");
    }
}
