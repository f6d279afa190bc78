package io.dsn.sample;

import io.dsn.DSNode;
import io.dsn.DSNodeConfig;
import io.dsn.DSNodeServer;
import io.dsn.sample.demo.DemoNetwork;
import io.dsn.sample.sensor.Reading;
import io.dsn.spring.discovery.HostResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code kubernetes} profile: a pod finds the other pods through the headless Service's DNS
 * name (here a resolver the test controls, which answers with a node of the test's on loopback),
 * takes its node id from its host name, and starts no demo sensors; without the network key it
 * does not start at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "dsn.port=0",
        "dsn.tick-interval=1s",
        "sample.sensor.interval=300ms"})
@ActiveProfiles("kubernetes")
@DirtiesContext
class KubernetesProfileTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SERVICE_NAME = "dsn-sample-peers";
    private static final String KEY = DSNodeServer.generateKey();
    /** The names the pod looked up. */
    private static final List<String> LOOKED_UP = new CopyOnWriteArrayList<>();

    @TempDir
    static Path credentials;

    /** A pod that is already running: what the Service's name resolves to. */
    private static DSNodeServer otherPod;

    @BeforeAll
    static void startOtherPod() {
        otherPod = DSNodeServer.start(DSNodeConfig.builder()
                .nodeId("other-pod")
                .port(0)
                .aesKey(KEY)
                .credentialDir(credentials.resolve("other-pod"))
                .networkIp("127.0.0.1")
                .tickInterval(Duration.ofSeconds(1))
                .build());
    }

    @AfterAll
    static void stopOtherPod() {
        otherPod.stop();
    }

    @DynamicPropertySource
    static void pod(DynamicPropertyRegistry registry) {
        registry.add("DSN_AES_KEY", () -> KEY);
        registry.add("dsn.credential-dir", () -> credentials.resolve("pod").toString());
        // The other pods' DSN port, which on Kubernetes is every pod's dsn.port.
        registry.add("dsn.discovery.dns.port", () -> otherPod.endpoint().port());
    }

    @TestConfiguration
    static class ClusterDns {

        @Bean
        HostResolver clusterDns() {
            return new HostResolver() {
                @Override
                public List<InetAddress> addresses(String name) throws UnknownHostException {
                    LOOKED_UP.add(name);
                    if (!SERVICE_NAME.equals(name)) {
                        throw new UnknownHostException(name);
                    }
                    return List.of(InetAddress.getByName("127.0.0.1"));
                }

                @Override
                public List<SrvRecord> services(String name) throws UnknownHostException {
                    throw new UnknownHostException(name);
                }
            };
        }
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    DSNode node;

    @Test
    void thePodJoinsTheNodesOfTheServiceNameAndPublishesItsReadings() {
        assertThat(LOOKED_UP).contains(SERVICE_NAME);
        assertThat(node.nodeId()).startsWith("dsn-sample").isNotEqualTo("monitor");
        assertThat(context.getBeanProvider(DemoNetwork.class).getIfAvailable()).isNull();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(node.peers()).contains("other-pod");
            assertThat(otherPod.peers()).contains(node.nodeId());
            assertThat(otherPod.readData(node.nodeId(), Reading.KEY)).isPresent();
        });
    }

    @Test
    void aPodWithoutTheNetworkKeyDoesNotStart() {
        assumeTrue(System.getenv("DSN_AES_KEY") == null, "DSN_AES_KEY is set in this environment");
        SpringApplicationBuilder pod = new SpringApplicationBuilder(SampleApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("kubernetes");

        Throwable failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext started = pod.run("--dsn.port=0",
                    "--dsn.credential-dir=" + credentials.resolve("pod-without-key"))) {
                // started: the assertion below fails
            }
        });

        // The unset variable leaves the placeholder itself, which is no key.
        assertThat(failure).hasStackTraceContaining("Invalid DSN property 'dsn.aes-key'");
    }
}
