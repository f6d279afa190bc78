package io.dsn.spring.autoconfigure;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import io.dsn.DSNMetrics;
import io.dsn.DSNode;
import io.dsn.DSNSettings;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import io.dsn.PeerJoined;
import io.dsn.PeerStateChanged;
import io.dsn.PortInUseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static io.dsn.spring.autoconfigure.TestSupport.causeOfType;
import static io.dsn.spring.autoconfigure.TestSupport.isFree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The beans, lifecycle and extension points of {@link DSNAutoConfiguration}. */
class DSNAutoConfigurationTests {

    @TempDir
    Path credentials;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.port=0", "dsn.credential-dir=" + credentials);
    }

    @Test
    void disabledNodeCreatesNothing() {
        runner().withPropertyValues("dsn.enabled=false", "dsn.node-id=off").run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(DSNodeConfig.class)
                    .doesNotHaveBean(DSNodeServer.class)
                    .doesNotHaveBean(DSNode.class)
                    .doesNotHaveBean(DSNProperties.class);
            assertThat(credentials.resolve("off")).doesNotExist();
        });
    }

    @Test
    void nodeServesWhileTheContextRunsAndIsStoppedWithIt() {
        AtomicReference<DSNodeServer> started = new AtomicReference<>();
        runner().withPropertyValues("dsn.node-id=a").run(context -> {
            assertThat(context).hasNotFailed()
                    .hasSingleBean(DSNodeConfig.class)
                    .hasSingleBean(DSNodeServer.class)
                    .hasSingleBean(DSNode.class);
            DSNodeServer server = context.getBean(DSNodeServer.class);
            assertThat(server.isServing()).isTrue();
            assertThat(server.config()).isSameAs(context.getBean(DSNodeConfig.class));
            assertThat(context.getBean(DSNode.class)).isSameAs(server.node());
            assertThat(server.nodeId()).isEqualTo("a");
            assertThat(server.peers()).containsExactly("a");
            assertThat(server.endpoint().port()).isPositive();
            assertThat(isFree(server.endpoint().port())).as("port held by the running node").isFalse();
            assertThat(credentials.resolve("a")).isDirectory();
            started.set(server);
        });
        DSNodeServer server = started.get();
        assertThat(server.isShutDown()).isTrue();
        assertThat(server.isServing()).isFalse();
        assertThat(isFree(server.endpoint().port())).as("port freed on close").isTrue();
    }

    @Test
    void propertyDefaultsAreThoseOfTheCoreConfiguration() {
        assertThat(new DSNProperties().isEnabled()).isTrue();
        DSNSettingValues defaults = DSNSettingValues.bind(new org.springframework.mock.env.MockEnvironment());
        assertThat(defaults.given(DSNSettings.NODE_ID)).isEmpty();
        assertThat(defaults.valueOrDefault(DSNSettings.PORT)).isEqualTo(DSNodeConfig.DEFAULT_PORT);
        assertThat(defaults.given(DSNSettings.AES_KEY)).isEmpty();
        assertThat(defaults.valueOrDefault(DSNSettings.ENCRYPTION)).isTrue();
        assertThat(defaults.valueOrDefault(DSNSettings.CREDENTIAL_DIR)).isEqualTo(DSNodeConfig.DEFAULT_CREDENTIAL_DIR);
        // Not set: detected at startup (a site-local address of the host, else 127.0.0.1).
        assertThat(defaults.given(DSNSettings.NETWORK_IP)).isEmpty();
        assertThat(defaults.valueOrDefault(DSNSettings.BIND_ADDRESS)).isEqualTo(DSNodeConfig.DEFAULT_BIND_ADDRESS);
        assertThat(defaults.valueOrDefault(DSNSettings.BOOTSTRAP_NODES)).isEmpty();
        assertThat(defaults.valueOrDefault(DSNSettings.TICK_INTERVAL)).isEqualTo(DSNodeConfig.DEFAULT_TICK_INTERVAL);
        assertThat(defaults.valueOrDefault(DSNSettings.REQUEST_TIMEOUT)).isEqualTo(DSNodeConfig.DEFAULT_REQUEST_TIMEOUT);
        assertThat(defaults.valueOrDefault(DSNSettings.ATTEMPTS)).isEqualTo(DSNodeConfig.DEFAULT_ATTEMPTS);
        assertThat(defaults.valueOrDefault(DSNSettings.RETRY_PAUSE)).isEqualTo(DSNodeConfig.DEFAULT_RETRY_PAUSE);
        assertThat(defaults.valueOrDefault(DSNSettings.MAX_BODY_SIZE)).isEqualTo(DSNodeConfig.DEFAULT_MAX_BODY_SIZE);
        assertThat(defaults.valueOrDefault(DSNSettings.SERVER_THREADS)).isEqualTo(DSNodeConfig.DEFAULT_SERVER_THREADS);
    }

    @Test
    void unsetPropertiesGiveTheCoreDefaults() {
        runner().withPropertyValues("dsn.node-id=a").run(context -> {
            DSNodeConfig config = context.getBean(DSNodeConfig.class);
            assertThat(config.aesKey()).isEmpty();
            assertThat(config.encryption()).isTrue();
            assertThat(config.networkIp()).isEqualTo(NetworkIpDetector.detect());
            assertThat(config.bindAddress()).isEqualTo(DSNodeConfig.DEFAULT_BIND_ADDRESS);
            assertThat(config.bootstrapNodes()).isEmpty();
            assertThat(config.tickInterval()).isEqualTo(DSNodeConfig.DEFAULT_TICK_INTERVAL);
            assertThat(config.requestTimeout()).isEqualTo(DSNodeConfig.DEFAULT_REQUEST_TIMEOUT);
            assertThat(config.attempts()).isEqualTo(DSNodeConfig.DEFAULT_ATTEMPTS);
            assertThat(config.retryPause()).isEqualTo(DSNodeConfig.DEFAULT_RETRY_PAUSE);
            assertThat(config.maxBodySize()).isEqualTo(DSNodeConfig.DEFAULT_MAX_BODY_SIZE);
            assertThat(config.serverThreads()).isEqualTo(DSNodeConfig.DEFAULT_SERVER_THREADS);
        });
    }

    @Test
    void nodeIdDefaultsToTheApplicationNameAndTheHostName() {
        runner().withPropertyValues("spring.application.name=orders", "HOSTNAME=node7.example.org").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DSNodeConfig.class).nodeId()).isEqualTo("orders-node7");
            assertThat(context.getBean(DSNode.class).nodeId()).isEqualTo("orders-node7");
        });
    }

    @Test
    void replicasOfOneApplicationGetIdsOfTheirOwn() {
        runner().withPropertyValues("spring.application.name=orders", "HOSTNAME=orders-0").run(first ->
                runner().withPropertyValues("spring.application.name=orders", "HOSTNAME=orders-1").run(second -> {
                    assertThat(first).hasNotFailed();
                    assertThat(second).hasNotFailed();
                    assertThat(first.getBean(DSNode.class).nodeId()).isEqualTo("orders-0");
                    assertThat(second.getBean(DSNode.class).nodeId()).isEqualTo("orders-1");
                }));
    }

    @Test
    void withoutAHostNameVariableTheLocalHostNameIsUsed() {
        runner().withPropertyValues("spring.application.name=orders", "HOSTNAME=", "COMPUTERNAME=").run(context ->
                assertThat(context.getBean(DSNodeConfig.class).nodeId()).startsWith("orders"));
    }

    @Test
    void nodeIdPropertyWinsOverTheApplicationName() {
        runner().withPropertyValues("spring.application.name=orders", "dsn.node-id=orders-1").run(context ->
                assertThat(context.getBean(DSNodeConfig.class).nodeId()).isEqualTo("orders-1"));
    }

    @Test
    void withoutNodeIdOrApplicationNameStartupFails() {
        runner().run(context -> {
            assertThat(context).hasFailed();
            InvalidDSNPropertyException invalid = causeOfType(context.getStartupFailure(), InvalidDSNPropertyException.class);
            assertThat(invalid).isNotNull();
            assertThat(invalid.getProperty()).isEqualTo("dsn.node-id");
            assertThat(invalid.getMessage()).contains("dsn.node-id").contains("spring.application.name");
        });
    }

    @Test
    void userConfigurationIsUsedAsIs() {
        runner().withUserConfiguration(UserConfig.class)
                // Not read: with a DSNodeConfig bean the dsn.* properties are ignored, even wrong ones.
                .withPropertyValues("dsn.node-id=from-properties", "dsn.attempts=0")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DSNodeConfig.class);
                    DSNodeConfig config = context.getBean(DSNodeConfig.class);
                    assertThat(config).isSameAs(context.getBean(UserConfig.class).config);
                    DSNodeServer server = context.getBean(DSNodeServer.class);
                    assertThat(server.config()).isSameAs(config);
                    assertThat(server.nodeId()).isEqualTo("user-node");
                    assertThat(server.isServing()).isTrue();
                });
    }

    @Test
    void customizersAdjustTheBuiltConfigurationInOrder() {
        runner().withUserConfiguration(TickCustomizers.class)
                .withPropertyValues("dsn.node-id=a", "dsn.tick-interval=5s", "dsn.attempts=2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DSNodeConfig config = context.getBean(DSNodeConfig.class);
                    assertThat(config.tickInterval()).isEqualTo(Duration.ofMillis(750));
                    assertThat(config.attempts()).isEqualTo(2);
                    assertThat(context.getBean(DSNodeServer.class).config().tickInterval()).isEqualTo(Duration.ofMillis(750));
                });
    }

    @Test
    void customizedConfigurationIsStillChecked() {
        runner().withBean(DSNodeConfigCustomizer.class, () -> builder -> builder.serverThreads(0))
                .withPropertyValues("dsn.node-id=a")
                .run(context -> {
                    assertThat(context).hasFailed();
                    InvalidDSNPropertyException invalid = causeOfType(context.getStartupFailure(), InvalidDSNPropertyException.class);
                    assertThat(invalid).isNotNull();
                    assertThat(invalid.getProperty()).isEqualTo("dsn.server-threads");
                });
    }

    @Test
    void userServerThatIsNotStartedYetIsStartedAndStoppedWithTheContext() {
        AtomicReference<DSNodeServer> held = new AtomicReference<>();
        runner().withBean(DSNodeServer.class, () -> DSNodeServer.create(
                        DSNodeConfig.builder().nodeId("own").port(0).credentialDir(credentials).build(),
                        DSNMetrics.NONE, List.of()))
                .withPropertyValues("dsn.node-id=own")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(DSNodeServer.class);
                    DSNodeServer server = context.getBean(DSNodeServer.class);
                    assertThat(server.isServing()).isTrue();
                    assertThat(context.getBean(DSNode.class)).isSameAs(server.node());
                    held.set(server);
                });
        assertThat(held.get().isShutDown()).isTrue();
    }

    @Test
    void userServerNeedsNoNodeProperties() {
        runner().withBean(DSNodeServer.class, () -> DSNodeServer.create(
                        DSNodeConfig.builder().nodeId("own").port(0).credentialDir(credentials).build(),
                        DSNMetrics.NONE, List.of()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DSNodeServer server = context.getBean(DSNodeServer.class);
                    assertThat(context.getBeansOfType(DSNodeConfig.class).values())
                            .allSatisfy(config -> assertThat(config).isSameAs(server.config()));
                });
    }

    @Test
    void applicationListenersReceiveTheNodesEvents() {
        String key = DSNodeServer.generateKey();
        runner().withUserConfiguration(Listeners.class)
                .withPropertyValues("dsn.node-id=app", "dsn.aes-key=" + key)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DSNodeServer app = context.getBean(DSNodeServer.class);
                    try (DSNodeServer other = DSNodeServer.start(DSNodeConfig.builder()
                            .nodeId("other").port(0).aesKey(key)
                            .credentialDir(credentials.resolve("other-node"))
                            .addBootstrapNode(new Endpoint("127.0.0.1", app.endpoint().port()))
                            .build())) {
                        Listeners listeners = context.getBean(Listeners.class);
                        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                            assertThat(listeners.plain.events).contains(new PeerJoined("other", other.endpoint()));
                            assertThat(listeners.nodeAware.peersSeenOnJoin).containsExactly(List.of("app", "other"));
                        });
                        assertThat(listeners.nodeAware.node).isSameAs(context.getBean(DSNode.class));
                    }
                });
    }

    @Test
    void listenerBeansAreRegisteredOnce() {
        String key = DSNodeServer.generateKey();
        runner().withUserConfiguration(Listeners.class)
                .withPropertyValues("dsn.node-id=app", "dsn.aes-key=" + key)
                .run(context -> {
                    DSNodeServer app = context.getBean(DSNodeServer.class);
                    try (DSNodeServer other = DSNodeServer.start(DSNodeConfig.builder()
                            .nodeId("other").port(0).aesKey(key)
                            .credentialDir(credentials.resolve("other-node"))
                            .addBootstrapNode(new Endpoint("127.0.0.1", app.endpoint().port()))
                            .build())) {
                        Listeners listeners = context.getBean(Listeners.class);
                        other.updateData("k", "v");
                        await().atMost(Duration.ofSeconds(5)).until(() ->
                                listeners.plain.events.stream().anyMatch(PeerStateChanged.class::isInstance));
                        assertThat(listeners.plain.events).filteredOn(PeerJoined.class::isInstance).hasSize(1);
                        assertThat(listeners.plain.events).filteredOn(PeerStateChanged.class::isInstance).hasSize(1);
                    }
                });
    }

    @Test
    void listenersAreRegisteredOnceWhenTheContextStartsAgain() {
        String key = DSNodeServer.generateKey();
        runner().withUserConfiguration(Listeners.class).withPropertyValues("dsn.node-id=a", "dsn.aes-key=" + key)
                .run(context -> {
                    context.stop();
                    context.start();
                    DSNodeServer server = context.getBean(DSNodeServer.class);
                    assertThat(server.isServing()).isTrue();
                    try (DSNodeServer peer = DSNodeServer.start(DSNodeConfig.builder().nodeId("peer").port(0).aesKey(key)
                            .credentialDir(credentials).addBootstrapNode(server.endpoint()).build())) {
                        RecordingListener listener = context.getBean(Listeners.class).plain;
                        await().atMost(Duration.ofSeconds(5)).until(() -> !listener.events.isEmpty());
                        assertThat(listener.events).filteredOn(PeerJoined.class::isInstance).hasSize(1);
                        assertThat(peer.peers()).contains("a");
                    }
                });
    }

    @Test
    void lazyInitializationStillStartsTheNodeAndRegistersListeners() {
        String key = DSNodeServer.generateKey();
        runner().withUserConfiguration(Listeners.class)
                .withInitializer(context -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .withPropertyValues("dsn.node-id=lazy", "dsn.aes-key=" + key)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DSNodeServer app = context.getBean(DSNodeServer.class);
                    assertThat(app.isServing()).isTrue();
                    try (DSNodeServer other = DSNodeServer.start(DSNodeConfig.builder()
                            .nodeId("other").port(0).aesKey(key)
                            .credentialDir(credentials.resolve("other-node"))
                            .addBootstrapNode(new Endpoint("127.0.0.1", app.endpoint().port()))
                            .build())) {
                        Listeners listeners = context.getBean(Listeners.class);
                        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                                assertThat(listeners.plain.events).contains(new PeerJoined("other", other.endpoint())));
                    }
                });
    }

    @Test
    void autoConfigurationsAreListedForSpringBoot() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(DSNAutoConfiguration.class.getName(),
                        "io.dsn.spring.autoconfigure.metrics.DSNMetricsAutoConfiguration",
                        "io.dsn.spring.autoconfigure.health.DSNHealthContributorAutoConfiguration",
                        "io.dsn.spring.autoconfigure.endpoint.DSNEndpointAutoConfiguration");
    }

    @Test
    void portInUseFailsStartupWithAnExplanation() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            runner().withPropertyValues("dsn.node-id=a", "dsn.port=" + port).run(context -> {
                assertThat(context).hasFailed();
                Throwable failure = context.getStartupFailure();
                PortInUseException portInUse = causeOfType(failure, PortInUseException.class);
                assertThat(portInUse).isNotNull();
                assertThat(portInUse.port()).isEqualTo(port);

                FailureAnalysis analysis = new DSNPortInUseFailureAnalyzer().analyze(failure);
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("port " + port).contains("dsn.port");
                assertThat(analysis.getAction()).contains("dsn.port").contains(Integer.toString(port));
                assertThat(analysis.getCause()).isSameAs(portInUse);
            });
        }
    }

    @Test
    void portInUseOnALoopbackBindAddressIsReportedToo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            runner().withPropertyValues("dsn.node-id=a", "dsn.port=" + port, "dsn.bind-address=127.0.0.1")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(causeOfType(context.getStartupFailure(), PortInUseException.class)).isNotNull();
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserConfig {

        final DSNodeConfig config;

        UserConfig(@Value("${dsn.credential-dir}") Path dir) {
            this.config = DSNodeConfig.builder().nodeId("user-node").port(0).credentialDir(dir).build();
        }

        @Bean
        DSNodeConfig userDsnConfig() {
            return config;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TickCustomizers {

        @Bean
        @Order(2)
        DSNodeConfigCustomizer second() {
            return builder -> builder.tickInterval(Duration.ofMillis(750));
        }

        @Bean
        @Order(1)
        DSNodeConfigCustomizer first() {
            return builder -> builder.tickInterval(Duration.ofMillis(100));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        final RecordingListener plain = new RecordingListener();
        NodeAwareListener nodeAware;

        @Bean
        RecordingListener plainListener() {
            return plain;
        }

        @Bean
        NodeAwareListener nodeAwareListener(DSNode node) {
            nodeAware = new NodeAwareListener(node);
            return nodeAware;
        }
    }

    static class RecordingListener implements DSNListener {

        final List<DSNEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(DSNEvent event) {
            events.add(event);
        }
    }

    /** A listener that depends on the node it listens to. */
    static class NodeAwareListener implements DSNListener {

        final DSNode node;
        final List<Collection<String>> peersSeenOnJoin = new CopyOnWriteArrayList<>();

        NodeAwareListener(DSNode node) {
            this.node = node;
        }

        @Override
        public void onEvent(DSNEvent event) {
            if (event instanceof PeerJoined) {
                peersSeenOnJoin.add(List.copyOf(node.peers()));
            }
        }
    }
}
