package io.dsn.spring.autoconfigure;

import io.dsn.PortInUseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import java.net.ServerSocket;
import java.nio.file.Path;

import static io.dsn.spring.autoconfigure.TestSupport.causeOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A real application that fails to start reports the DSN failure analyses (registered in spring.factories). */
@ExtendWith(OutputCaptureExtension.class)
class DSNFailureAnalyzersTests {

    @TempDir
    Path credentials;

    private Throwable run(String... args) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return catchThrowable(() -> application.run(args));
    }

    @Test
    void invalidPropertyIsExplained(CapturedOutput output) {
        Throwable failure = run("--spring.main.banner-mode=off", "--dsn.node-id=app", "--dsn.port=70000",
                "--dsn.credential-dir=" + credentials);

        assertThat(causeOfType(failure, InvalidDSNPropertyException.class)).isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid DSN property 'dsn.port': dsn.port must be between 0 and 65535")
                .contains("Correct 'dsn.port' in the application's configuration");
    }

    @Test
    void missingNodeIdIsExplained(CapturedOutput output) {
        Throwable failure = run("--spring.main.banner-mode=off", "--dsn.port=0", "--dsn.credential-dir=" + credentials);

        assertThat(causeOfType(failure, InvalidDSNPropertyException.class)).isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid DSN property 'dsn.node-id'")
                .contains("spring.application.name")
                .contains("Correct 'dsn.node-id'");
    }

    @Test
    void portInUseIsExplained(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            Throwable failure = run("--spring.main.banner-mode=off", "--dsn.node-id=app", "--dsn.port=" + port,
                    "--dsn.credential-dir=" + credentials);

            assertThat(causeOfType(failure, PortInUseException.class)).isNotNull();
            assertThat(output)
                    .contains("APPLICATION FAILED TO START")
                    .contains("The DSN node could not start: port " + port + " (dsn.port) is already in use.")
                    .contains("set dsn.port to a free port");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DSNAutoConfiguration.class)
    static class App {
    }
}
