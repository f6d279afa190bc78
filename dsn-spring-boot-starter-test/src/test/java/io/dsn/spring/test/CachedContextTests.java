package io.dsn.spring.test;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Test classes with the same configuration share one cached context, its node and its network (the
 * annotation is found on the enclosing class). Another configuration in between gets a network of
 * its own and pauses the first context: its node and its peer stop, and start again on the same
 * ports when the first context is reused.
 */
@InMemoryDSNNetwork
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class CachedContextTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ApplicationContext firstContext;
    private static DSNTestNetwork firstNetwork;
    private static DSNodeServer firstServer;
    private static DSNode firstPeer;
    private static Endpoint firstEndpoint;

    @Nested
    @Order(1)
    @SpringBootTest(properties = "dsn.node-id=cached")
    class FirstClass {

        @Autowired
        ApplicationContext context;

        @Autowired
        DSNTestNetwork network;

        @Autowired
        DSNodeServer server;

        @Test
        void startsAPeerThatJoinsTheNode() {
            firstContext = context;
            firstNetwork = network;
            firstServer = server;
            firstEndpoint = server.endpoint();
            firstPeer = network.startPeer("cached-peer");
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(server.peers()).containsExactlyInAnyOrder("cached", "cached-peer"));
        }
    }

    @Nested
    @Order(2)
    @SpringBootTest(properties = "dsn.node-id=cached")
    class SecondClassOfTheSameConfiguration {

        @Autowired
        ApplicationContext context;

        @Autowired
        DSNTestNetwork network;

        @Test
        void sharesTheFirstClassesContextNodeAndNetwork() {
            assertThat(context).isSameAs(firstContext);
            assertThat(network).isSameAs(firstNetwork);
            assertThat(network.peers()).containsExactly(firstPeer);
        }
    }

    @Nested
    @Order(3)
    @SpringBootTest(properties = "dsn.node-id=other")
    class AnotherConfiguration {

        @Autowired
        ApplicationContext context;

        @Autowired
        DSNTestNetwork network;

        @Test
        void getsANetworkAndKeyOfItsOwnWhileTheFirstContextIsPaused() {
            assertThat(context).isNotSameAs(firstContext);
            assertThat(network.network()).isNotSameAs(firstNetwork.network());
            assertThat(network.network().name()).isNotEqualTo(firstNetwork.network().name());
            assertThat(network.networkKey()).isNotEqualTo(firstNetwork.networkKey());
            assertThat(network.peers()).isEmpty();
            assertThat(firstServer.isServing()).as("the paused context's node").isFalse();
            assertThat(firstNetwork.isRunning()).as("the paused context's peers").isFalse();
            assertThat(firstNetwork.network().endpoints()).isEmpty();
        }
    }

    @Nested
    @Order(4)
    @SpringBootTest(properties = "dsn.node-id=cached")
    class FirstConfigurationAgain {

        @Autowired
        DSNTestNetwork network;

        @Autowired
        DSNodeServer server;

        @Test
        void theNodeAndItsPeerServeAgainOnTheirPortsAndMeetAgain() {
            assertThat(network).isSameAs(firstNetwork);
            assertThat(server.isServing()).isTrue();
            assertThat(server.endpoint()).isEqualTo(firstEndpoint);
            assertThat(network.network().endpoints()).containsExactlyInAnyOrder(firstEndpoint, firstPeer.endpoint());
            firstPeer.updateData("back", "yes");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(server.peers()).containsExactlyInAnyOrder("cached", "cached-peer");
                assertThat(server.readData("cached-peer", "back")).contains("yes");
            });
            network.stopPeer("cached-peer");
        }
    }
}
