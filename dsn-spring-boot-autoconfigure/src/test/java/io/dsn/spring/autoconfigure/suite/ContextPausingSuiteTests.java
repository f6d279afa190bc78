package io.dsn.spring.autoconfigure.suite;

import io.dsn.DSNodeServer;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test suite as a team writes one: several {@code @SpringBootTest} classes of two
 * configurations, run with Spring's default context pausing (a context is stopped when another
 * configuration runs, and started again when it is reused). Both configurations use one node id
 * and one credential directory, so the second can only start because the first released them
 * when it was paused; the third class reuses the first context, whose node starts again.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ContextPausingSuiteTests {

    static final String CREDENTIALS = "dsn.credential-dir=target/context-pausing-suite";

    private static DSNodeServer firstServer;
    private static int firstPort;

    @Nested
    @Order(1)
    @SpringBootTest(classes = Application.class, properties = {"dsn.node-id=suite", "dsn.port=0", CREDENTIALS})
    class FirstConfiguration {

        @Autowired
        DSNodeServer server;

        @Test
        void theNodeServes() {
            assertThat(server.isServing()).isTrue();
            firstServer = server;
            firstPort = server.endpoint().port();
        }
    }

    @Nested
    @Order(2)
    @SpringBootTest(classes = Application.class,
            properties = {"dsn.node-id=suite", "dsn.port=0", CREDENTIALS, "dsn.tick-interval=2s"})
    class SecondConfiguration {

        @Autowired
        DSNodeServer server;

        @Test
        void itsNodeServesWithTheSameIdentityWhileTheFirstContextIsPaused() {
            assertThat(server).isNotSameAs(firstServer);
            assertThat(server.isServing()).isTrue();
            assertThat(firstServer.isServing()).as("the first context's node, paused").isFalse();
        }
    }

    @Nested
    @Order(3)
    @SpringBootTest(classes = Application.class, properties = {"dsn.node-id=suite", "dsn.port=0", CREDENTIALS})
    class FirstConfigurationAgain {

        @Autowired
        DSNodeServer server;

        @Test
        void theFirstContextsNodeServesAgainOnItsPort() {
            assertThat(server).isSameAs(firstServer);
            assertThat(server.isServing()).isTrue();
            assertThat(server.endpoint().port()).isEqualTo(firstPort);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }
}
