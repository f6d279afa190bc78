package io.dsn.spring.autoconfigure;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;

import java.nio.file.Path;

import static io.dsn.spring.autoconfigure.TestSupport.isFree;
import static org.assertj.core.api.Assertions.assertThat;

/** The node's lifecycle in the application context: stop and start again, and its place among the phases. */
class DSNodeLifecycleTests {

    @TempDir
    Path credentials;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=cycled", "dsn.port=0", "dsn.credential-dir=" + credentials);
    }

    @Test
    void theContextStopsAndStartsTheNodeAgainWithItsPortAndState() {
        runner().run(context -> {
            DSNodeServer server = context.getBean(DSNodeServer.class);
            int port = server.endpoint().port();
            context.getBean(DSNode.class).updateData("k", "v");

            context.stop();
            assertThat(server.isServing()).isFalse();
            assertThat(isFree(port)).as("port freed while stopped").isTrue();

            context.start();
            assertThat(server.isServing()).isTrue();
            assertThat(server.endpoint().port()).isEqualTo(port);
            assertThat(server.readData("cycled", "k")).contains("v");
            assertThat(context.getBean(DSNodeLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void theNodeStopsAfterTheWebServerDrainedAndStartsBeforeIt() {
        runner().run(context -> {
            int phase = context.getBean(DSNodeLifecycle.class).getPhase();
            // Lifecycle beans stop from the highest phase down and start from the lowest up.
            assertThat(phase).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE)
                    .isLessThan(webServerStartStopPhase());
            assertThat(context.getBean(DSNodeLifecycle.class).isPauseable()).isTrue();
        });
    }

    /** The phase of Boot's WebServerStartStopLifecycle (package-private): below the graceful shutdown's. */
    private static int webServerStartStopPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024;
    }
}
