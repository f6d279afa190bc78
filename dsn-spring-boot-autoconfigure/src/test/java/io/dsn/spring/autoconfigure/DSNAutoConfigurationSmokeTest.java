package io.dsn.spring.autoconfigure;

import io.dsn.DSNode;
import io.dsn.DSNodeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DSNAutoConfigurationSmokeTest {

    @TempDir
    Path credentials;

    @Test
    void startsANode() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=a", "dsn.port=0", "dsn.credential-dir=" + credentials)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(DSNode.class).peers()).containsExactly("a");
                    assertThat(context.getBean(DSNodeServer.class).isServing()).isTrue();
                });
    }
}
