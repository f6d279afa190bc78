package io.dsn.spring.autoconfigure;

import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.dsn.MessageTooLargeException;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.transport.TransportLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.time.Duration;

import static io.dsn.spring.autoconfigure.TestSupport.deadPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every {@code dsn.*} property reaches the {@link DSNodeConfig}. Bootstrap nodes point at dead
 * loopback ports with one short attempt, so that the nodes start at once.
 */
class DSNPropertiesBindingTests {

    @TempDir
    Path credentials;

    private final String key = DSNodeServer.generateKey();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=bound", "dsn.port=0", "dsn.credential-dir=" + credentials);
    }

    private ApplicationContextRunner joining() {
        return runner().withPropertyValues("dsn.aes-key=" + key, "dsn.request-timeout=100ms", "dsn.attempts=1",
                "dsn.retry-pause=0ms");
    }

    @Test
    void everyScalarPropertyReachesTheConfiguration() {
        runner().withPropertyValues(
                        "dsn.aes-key=" + key.toUpperCase(),
                        "dsn.encryption=true",
                        "dsn.network-ip=127.0.0.2",
                        "dsn.bind-address=127.0.0.1",
                        "dsn.tick-interval=500ms",
                        "dsn.request-timeout=1500ms",
                        "dsn.attempts=5",
                        "dsn.retry-pause=50ms",
                        "dsn.max-body-size=2MB",
                        "dsn.server-threads=3",
                        "dsn.max-failed-requests-per-minute=7",
                        "dsn.max-peers=100",
                        "dsn.new-keys-per-minute=30",
                        "dsn.max-peers-listed=50",
                        "dsn.limits.request-head-timeout=2",
                        "dsn.limits.request-read-timeout=1m",
                        "dsn.limits.idle-timeout=45s",
                        "dsn.limits.max-connections=300",
                        "dsn.limits.max-connections-per-address=30",
                        "dsn.limits.max-requests-in-flight=40",
                        "dsn.limits.max-outgoing-in-flight=500",
                        "dsn.limits.max-outgoing-per-peer=5",
                        "dsn.limits.max-buffered-bytes=32MB")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DSNodeConfig config = context.getBean(DSNodeConfig.class);
                    assertThat(config.nodeId()).isEqualTo("bound");
                    assertThat(config.port()).isZero();
                    assertThat(config.aesKey()).contains(key.toUpperCase());
                    assertThat(config.encryption()).isTrue();
                    assertThat(config.credentialDir()).isEqualTo(credentials);
                    assertThat(config.networkIp()).isEqualTo("127.0.0.2");
                    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
                    assertThat(config.tickInterval()).isEqualTo(Duration.ofMillis(500));
                    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(config.attempts()).isEqualTo(5);
                    assertThat(config.retryPause()).isEqualTo(Duration.ofMillis(50));
                    assertThat(config.maxBodySize()).isEqualTo(2 * 1024 * 1024);
                    assertThat(config.serverThreads()).isEqualTo(3);
                    assertThat(config.maxFailedRequestsPerMinute()).isEqualTo(7);
                    assertThat(config.maxPeers()).isEqualTo(100);
                    assertThat(config.newKeysPerMinute()).isEqualTo(30);
                    assertThat(config.maxPeersListed()).isEqualTo(50);
                    assertThat(config.limits()).as("a number without a unit is seconds").isEqualTo(new TransportLimits(
                            Duration.ofSeconds(2), Duration.ofMinutes(1), Duration.ofSeconds(45), 300, 30, 40, 500, 5,
                            32L * 1024 * 1024));
                    assertThat(config.bootstrapNodes()).isEmpty();
                    DSNodeServer server = context.getBean(DSNodeServer.class);
                    assertThat(server.isServing()).isTrue();
                    assertThat(server.endpoint().address()).isEqualTo("127.0.0.2");
                });
    }

    @Test
    void theNodeNamesItsSettingsByTheirProperties() {
        runner().withPropertyValues("dsn.max-body-size=2048B").run(context -> {
            DSNodeConfig config = context.getBean(DSNodeConfig.class);
            assertThat(config.settingNaming()).isSameAs(DSNSettingNaming.SPRING_PROPERTIES);
            assertThatThrownBy(() -> context.getBean(DSNodeServer.class).node().updateData("big", "x".repeat(4096)))
                    .isInstanceOf(MessageTooLargeException.class).hasMessageContaining("(dsn.max-body-size)")
                    .hasMessageNotContaining("max_body_size");
        });
    }

    @Test
    void aesKeyIsTrimmed() {
        runner().withPropertyValues("dsn.aes-key=  " + key + "  ").run(context ->
                assertThat(context.getBean(DSNodeConfig.class).aesKey()).contains(key));
    }

    @Test
    void blankAesKeyMeansNone() {
        runner().withPropertyValues("dsn.aes-key=").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DSNodeConfig.class).aesKey()).isEmpty();
        });
    }

    @Test
    void bodySizeInBytes() {
        runner().withPropertyValues("dsn.max-body-size=4096B").run(context ->
                assertThat(context.getBean(DSNodeConfig.class).maxBodySize()).isEqualTo(4096));
    }

    @Test
    void plainNumberBodySizeIsBytes() {
        runner().withPropertyValues("dsn.max-body-size=8192").run(context ->
                assertThat(context.getBean(DSNodeConfig.class).maxBodySize()).isEqualTo(8192));
    }

    @Test
    void durationsWithoutUnitAreSecondsAsInThePythonNode() {
        runner().withPropertyValues("dsn.tick-interval=3", "dsn.request-timeout=2", "dsn.retry-pause=1").run(context -> {
            DSNodeConfig config = context.getBean(DSNodeConfig.class);
            assertThat(config.tickInterval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.retryPause()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void encryptionCanBeTurnedOffWithoutAKeyEvenWithBootstrapNodes() {
        int dead = deadPort();
        runner().withPropertyValues("dsn.encryption=false", "dsn.bootstrap-nodes=127.0.0.1:" + dead,
                        "dsn.request-timeout=100ms", "dsn.attempts=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DSNodeConfig config = context.getBean(DSNodeConfig.class);
                    assertThat(config.encryption()).isFalse();
                    assertThat(config.aesKey()).isEmpty();
                    assertThat(config.bootstrapNodes()).containsExactly(new Endpoint("127.0.0.1", dead));
                });
    }

    @Test
    void bootstrapNodesAsAddressAndPortEntries() {
        int first = deadPort();
        int second = deadPort();
        joining().withPropertyValues(
                        "dsn.bootstrap-nodes[0].address=127.0.0.1", "dsn.bootstrap-nodes[0].port=" + first,
                        "dsn.bootstrap-nodes[1].address= localhost ", "dsn.bootstrap-nodes[1].port=" + second)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DSNodeConfig.class).bootstrapNodes())
                            .containsExactly(new Endpoint("127.0.0.1", first), new Endpoint("localhost", second));
                    assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
                });
    }

    @Test
    void bootstrapNodesAsCommaSeparatedHostPortStrings() {
        int first = deadPort();
        int second = deadPort();
        joining().withPropertyValues("dsn.bootstrap-nodes=127.0.0.1:" + first + ", localhost:" + second)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DSNodeConfig.class).bootstrapNodes())
                            .containsExactly(new Endpoint("127.0.0.1", first), new Endpoint("localhost", second));
                });
    }

    @Test
    void bootstrapNodesAsIndexedHostPortStrings() {
        int first = deadPort();
        int second = deadPort();
        joining().withPropertyValues("dsn.bootstrap-nodes[0]=127.0.0.1:" + first, "dsn.bootstrap-nodes[1]=localhost:" + second)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DSNodeConfig.class).bootstrapNodes())
                            .containsExactly(new Endpoint("127.0.0.1", first), new Endpoint("localhost", second));
                });
    }

    @Test
    void bootstrapNodeWithBracketedIpv6Address() {
        int dead = deadPort();
        joining().withPropertyValues("dsn.bootstrap-nodes=[::1]:" + dead).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DSNodeConfig.class).bootstrapNodes()).containsExactly(new Endpoint("::1", dead));
        });
    }

    @Test
    void bootstrapNodesOfTheExampleNetworkBindWithTheAutoConfiguredConverter() {
        // A node of its own (a DSNodeConfig bean) keeps the node away from 10.0.0.x: only the binding matters.
        runner().withBean(DSNodeConfig.class, () -> DSNodeConfig.builder().nodeId("own").port(0)
                        .credentialDir(credentials).build())
                .withPropertyValues("dsn.bootstrap-nodes=10.0.0.1:9000,10.0.0.2:9001")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DSNSettingValues.class).valueOrDefault(DSNSettings.BOOTSTRAP_NODES))
                            .extracting(Endpoint::address, Endpoint::port)
                            .containsExactly(tuple("10.0.0.1", 9000), tuple("10.0.0.2", 9001));
                    assertThat(context.getBean(DSNodeServer.class).config().bootstrapNodes()).isEmpty();
                });
    }
}
