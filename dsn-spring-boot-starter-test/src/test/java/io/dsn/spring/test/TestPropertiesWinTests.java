package io.dsn.spring.test;

import io.dsn.DSNodeServer;
import io.dsn.DSNSettings;
import io.dsn.spring.autoconfigure.DSNSettingValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the test sets itself wins over {@link InMemoryDSNNetwork}'s values: through
 * {@code @SpringBootTest} properties and args, {@code @TestPropertySource} and
 * {@code @DynamicPropertySource}. A dsn.port of the test's is kept, and like any dsn.port it is
 * not the in-memory node's port: that one is always a free port of the network.
 */
@SpringBootTest(properties = {"dsn.node-id=from-test", "dsn.port=9123"}, args = "--dsn.network-ip=127.0.0.2")
@TestPropertySource(properties = "dsn.tick-interval=150ms")
@InMemoryDSNNetwork
class TestPropertiesWinTests {

    static final String TEST_KEY = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    @DynamicPropertySource
    static void networkKey(DynamicPropertyRegistry registry) {
        registry.add("dsn.aes-key", () -> TEST_KEY);
    }

    @Autowired
    DSNodeServer server;

    @Autowired
    DSNSettingValues settings;

    @Autowired
    Environment environment;

    @Autowired
    DSNTestNetwork network;

    @Test
    void theTestsOwnPropertiesAreKept() {
        assertThat(server.nodeId()).isEqualTo("from-test");
        assertThat(server.config().tickInterval()).hasMillis(150);
        assertThat(server.endpoint().address()).isEqualTo("127.0.0.2");
        assertThat(server.config().aesKey()).contains(TEST_KEY);
        assertThat(network.networkKey()).isEqualTo(TEST_KEY);
    }

    @Test
    void theTestsDsnPortIsKeptButTheInMemoryNodeTakesAFreePortOfItsNetwork() {
        assertThat(environment.getProperty("dsn.port")).isEqualTo("9123");
        assertThat(settings.valueOrDefault(DSNSettings.PORT)).isEqualTo(9123);
        assertThat(server.config().port()).isZero();
        assertThat(server.endpoint().port()).isNotEqualTo(9123);
        assertThat(network.network().endpoints()).containsExactly(server.endpoint());
    }
}
