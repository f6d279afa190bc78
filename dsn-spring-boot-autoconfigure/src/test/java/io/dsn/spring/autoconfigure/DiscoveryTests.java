package io.dsn.spring.autoconfigure;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.spring.discovery.DiscoveryClientBootstrapSource;
import io.dsn.spring.discovery.DnsBootstrapSource;
import io.dsn.spring.discovery.HostResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.dsn.spring.autoconfigure.TestSupport.causeOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bootstrap nodes found by DNS (against a resolver the test controls) and through Spring Cloud's
 * DiscoveryClient (a simple in-memory one), over HTTP on loopback.
 */
class DiscoveryTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path credentials;

    private final String key = DSNodeServer.generateKey();

    private ApplicationContextRunner application(String nodeId, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class, DSNDiscoveryClientAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=" + nodeId, "dsn.port=0", "dsn.aes-key=" + key,
                        "dsn.network-ip=127.0.0.1", "dsn.bind-address=127.0.0.1",
                        "dsn.credential-dir=" + credentials.resolve(nodeId),
                        "dsn.tick-interval=200ms", "dsn.request-timeout=2s", "dsn.attempts=2", "dsn.retry-pause=50ms")
                .withPropertyValues(properties);
    }

    /** Answers what the test says, and counts the questions. */
    static final class TestResolver implements HostResolver {

        final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();
        final Map<String, List<SrvRecord>> services = new ConcurrentHashMap<>();
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public List<InetAddress> addresses(String name) throws UnknownHostException {
            asked.add(name);
            List<InetAddress> found = records.get(name);
            if (found == null) {
                throw new UnknownHostException(name);
            }
            return found;
        }

        @Override
        public List<SrvRecord> services(String name) throws UnknownHostException {
            asked.add("SRV " + name);
            List<SrvRecord> found = services.get(name);
            if (found == null) {
                throw new UnknownHostException(name);
            }
            return found;
        }
    }

    private static InetAddress address(String ip) throws UnknownHostException {
        return InetAddress.getByName(ip);
    }

    @Test
    void aNodeJoinsTheNodesOfADnsNameOnceItResolvesAndStopsAskingWhenConnected() throws Exception {
        application("alpha").run(alpha -> {
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            TestResolver resolver = new TestResolver();
            application("beta", "dsn.discovery.dns.name=dsn-peers.test.svc", "dsn.discovery.dns.port=" + alphaPort,
                    "dsn.discovery.refresh-interval=1s")
                    .withBean(HostResolver.class, () -> resolver)
                    .run(beta -> {
                        assertThat(beta).hasNotFailed();
                        DSNode betaNode = beta.getBean(DSNode.class);
                        // The name does not resolve yet (no pod is ready): the node runs alone and asks again.
                        assertThat(betaNode.peers()).containsExactly("beta");
                        assertThat(resolver.asked).contains("dsn-peers.test.svc");

                        // A headless service: the address of every ready pod (one here, and this node's own).
                        resolver.records.put("dsn-peers.test.svc", List.of(address("127.0.0.1"), address("::1")));
                        await().atMost(WAIT).untilAsserted(() ->
                                assertThat(betaNode.peers()).containsExactlyInAnyOrder("alpha", "beta"));
                        assertThat(beta.getBean(DnsBootstrapSource.class).lastAnswer()).first()
                                .hasToString("127.0.0.1:" + alphaPort);

                        // Connected: the name is no longer asked.
                        int asked = resolver.asked.size();
                        Thread.sleep(1500);
                        assertThat(resolver.asked).hasSize(asked);
                    });
        });
    }

    @Test
    void srvRecordsGiveTheNodesAndTheirPorts() {
        application("alpha").run(alpha -> {
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            TestResolver resolver = new TestResolver();
            resolver.services.put("_dsn._tcp.test.svc", List.of(new HostResolver.SrvRecord(10, 5, alphaPort, "127.0.0.1")));
            application("beta", "dsn.discovery.dns.name=_dsn._tcp.test.svc", "dsn.discovery.dns.srv=true")
                    .withBean(HostResolver.class, () -> resolver)
                    .run(beta -> assertThat(beta.getBean(DSNode.class).peers()).containsExactlyInAnyOrder("alpha", "beta"));
        });
    }

    /** The simplest DiscoveryClient: instances the test lists. */
    static final class ListDiscoveryClient implements DiscoveryClient {

        final Map<String, List<ServiceInstance>> instances = new ConcurrentHashMap<>();

        @Override
        public String description() {
            return "test list";
        }

        @Override
        public List<ServiceInstance> getInstances(String serviceId) {
            return instances.getOrDefault(serviceId, List.of());
        }

        @Override
        public List<String> getServices() {
            return List.copyOf(instances.keySet());
        }
    }

    @Test
    void aNodeJoinsTheInstancesOfAServiceOfTheDiscoveryClientOnTheirDsnPort() {
        application("alpha").run(alpha -> {
            int alphaPort = alpha.getBean(DSNodeServer.class).endpoint().port();
            ListDiscoveryClient client = new ListDiscoveryClient();
            client.instances.put("orders", List.of(
                    new DefaultServiceInstance("orders-1", "orders", "127.0.0.1", 8080, false,
                            Map.of("dsn-port", Integer.toString(alphaPort)))));
            application("beta", "dsn.discovery.client.service-id=orders")
                    .withBean(DiscoveryClient.class, () -> client)
                    .run(beta -> {
                        assertThat(beta).hasNotFailed().hasSingleBean(DiscoveryClientBootstrapSource.class);
                        assertThat(beta.getBean(DSNode.class).peers()).containsExactlyInAnyOrder("alpha", "beta");
                    });
        });
    }

    @Test
    void discoveryWithoutANetworkKeyFailsStartupNamingTheKey() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class, DSNDiscoveryClientAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=alpha", "dsn.port=0", "dsn.network-ip=127.0.0.1",
                        "dsn.credential-dir=" + credentials.resolve("alpha"), "dsn.discovery.dns.name=dsn-peers.test.svc")
                .withBean(HostResolver.class, TestResolver::new)
                .run(alpha -> {
                    assertThat(alpha).hasFailed();
                    InvalidDSNPropertyException invalid = causeOfType(alpha.getStartupFailure(), InvalidDSNPropertyException.class);
                    assertThat(invalid).as("InvalidDSNPropertyException in %s", alpha.getStartupFailure()).isNotNull();
                    assertThat(invalid.getProperty()).isEqualTo("dsn.aes-key");
                    assertThat(invalid.getMessage()).contains("discovery").contains("dsn.encryption=false");
                    // Refused before the node was created: no key of its own was written.
                    assertThat(credentials.resolve("alpha")).doesNotExist();
                });
    }

    @Test
    void withoutAServiceIdTheDiscoveryClientIsNotUsed() {
        application("alpha")
                .withBean(DiscoveryClient.class, ListDiscoveryClient::new)
                .run(alpha -> assertThat(alpha).hasNotFailed().doesNotHaveBean(DiscoveryClientBootstrapSource.class)
                        .doesNotHaveBean(DnsBootstrapSource.class));
    }

    @Test
    void blankDiscoveryNamesTurnDiscoveryOff() {
        application("alpha", "dsn.discovery.dns.name= ", "dsn.discovery.client.service-id=")
                .withBean(DiscoveryClient.class, ListDiscoveryClient::new)
                .run(alpha -> assertThat(alpha).hasNotFailed().doesNotHaveBean(DiscoveryClientBootstrapSource.class)
                        .doesNotHaveBean(DnsBootstrapSource.class));
    }
}
