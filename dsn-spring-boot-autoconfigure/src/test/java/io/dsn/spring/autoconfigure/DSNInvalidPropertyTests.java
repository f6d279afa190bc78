package io.dsn.spring.autoconfigure;

import io.dsn.DSNConfigurationException;
import io.dsn.DSNSettings;
import io.dsn.DSNodeServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.dsn.spring.autoconfigure.TestSupport.causeOfType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every wrong {@code dsn.*} value fails startup with an {@link InvalidDSNPropertyException} that
 * names the property, which {@link InvalidDSNPropertyFailureAnalyzer} turns into a report.
 */
class DSNInvalidPropertyTests {

    private static final String KEY = DSNodeServer.generateKey();

    @TempDir
    Path credentials;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DSNAutoConfiguration.class))
                .withPropertyValues("dsn.node-id=checked", "dsn.port=0", "dsn.credential-dir=" + credentials);
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("dsn.aes-key", "dsn.aes-key is not valid", List.of("dsn.aes-key=abc123")),
                arguments("dsn.aes-key", "dsn.aes-key is not valid", List.of("dsn.aes-key=" + KEY.substring(2))),
                arguments("dsn.aes-key", "dsn.aes-key is not valid", List.of("dsn.aes-key=" + "zz".repeat(32))),
                arguments("dsn.aes-key", "dsn.encryption=false", List.of("dsn.bootstrap-nodes=127.0.0.1:9000")),
                arguments("dsn.port", "between 0 and 65535", List.of("dsn.port=70000")),
                arguments("dsn.port", "between 0 and 65535", List.of("dsn.port=-1")),
                arguments("dsn.attempts", "at least 1", List.of("dsn.attempts=0")),
                arguments("dsn.tick-interval", "at least 10 ms", List.of("dsn.tick-interval=0s")),
                arguments("dsn.tick-interval", "at least 10 ms", List.of("dsn.tick-interval=3ms")),
                arguments("dsn.request-timeout", "at least 10 ms", List.of("dsn.request-timeout=-1s")),
                arguments("dsn.network-ip", "neither an IP address nor a host name", List.of("dsn.network-ip=not_an_ip")),
                arguments("dsn.retry-pause", "negative", List.of("dsn.retry-pause=-10ms")),
                arguments("dsn.retry-pause", "at most 60 s", List.of("dsn.retry-pause=500")),
                arguments("dsn.request-timeout", "at most 60 s", List.of("dsn.request-timeout=2000")),
                arguments("dsn.tick-interval", "at most 600 s", List.of("dsn.tick-interval=3000")),
                arguments("dsn.max-body-size", "at least 1024", List.of("dsn.max-body-size=512B")),
                arguments("dsn.max-body-size", "at most", List.of("dsn.max-body-size=3GB")),
                arguments("dsn.server-threads", "at least 1", List.of("dsn.server-threads=0")),
                arguments("dsn.max-peers", "at least 1", List.of("dsn.max-peers=0")),
                arguments("dsn.new-keys-per-minute", "at least 1", List.of("dsn.new-keys-per-minute=0")),
                arguments("dsn.limits.max-connections", "at least 1", List.of("dsn.limits.max-connections=0")),
                arguments("dsn.limits.max-outgoing-per-peer", "at least 1", List.of("dsn.limits.max-outgoing-per-peer=-2")),
                arguments("dsn.limits.idle-timeout", "positive", List.of("dsn.limits.idle-timeout=0")),
                arguments("dsn.limits.request-read-timeout", "at least dsn.limits.request-head-timeout",
                        List.of("dsn.limits.request-head-timeout=20s", "dsn.limits.request-read-timeout=5s")),
                arguments("dsn.network-ip", "must not be empty", List.of("dsn.network-ip= ")),
                arguments("dsn.bind-address", "must not be empty", List.of("dsn.bind-address=")),
                arguments("dsn.node-id", "valid file name", List.of("dsn.node-id=a/b")),
                arguments("dsn.node-id", "valid file name", List.of("dsn.node-id=..")),
                arguments("dsn.bootstrap-nodes", "needs an address",
                        List.of("dsn.aes-key=" + KEY, "dsn.bootstrap-nodes[0].port=9000")),
                arguments("dsn.bootstrap-nodes", "has no port",
                        List.of("dsn.aes-key=" + KEY, "dsn.bootstrap-nodes[0].address=127.0.0.1")),
                arguments("dsn.bootstrap-nodes", "between 0 and 65535",
                        List.of("dsn.aes-key=" + KEY, "dsn.bootstrap-nodes=127.0.0.1:70000")),
                arguments("dsn.bootstrap-nodes", "has no port",
                        List.of("dsn.aes-key=" + KEY, "dsn.bootstrap-nodes=127.0.0.1:0")));
    }

    @ParameterizedTest(name = "{2} -> {0}")
    @MethodSource("invalidValues")
    void invalidValueFailsStartupNamingTheProperty(String property, String explanation, List<String> values) {
        runner().withPropertyValues(values.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            InvalidDSNPropertyException invalid = causeOfType(failure, InvalidDSNPropertyException.class);
            assertThat(invalid).as("InvalidDSNPropertyException in %s", failure).isNotNull();
            assertThat(invalid.getProperty()).isEqualTo(property);
            assertThat(invalid.getMessage()).startsWith("Invalid DSN property '" + property + "': ").contains(explanation);

            FailureAnalysis analysis = new InvalidDSNPropertyFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo(invalid.getMessage());
            assertThat(analysis.getAction()).contains("'" + property + "'").contains("application.properties");
            assertThat(analysis.getCause()).isSameAs(invalid);
            assertThat(new DSNPortInUseFailureAnalyzer().analyze(failure)).isNull();
            // Checked before the node is created: no key pair was written.
            assertThat(credentials).isEmptyDirectory();
        });
    }

    @Test
    void coreSettingsAreTranslatedToSpringPropertyNames() {
        assertThat(DSNSettings.AES_KEY.springProperty()).isEqualTo("dsn.aes-key");
        assertThat(DSNSettings.BOOTSTRAP_NODES.springProperty()).isEqualTo("dsn.bootstrap-nodes");
        assertThat(DSNSettings.PORT.springProperty()).isEqualTo("dsn.port");
    }

    @Test
    void invalidPropertyKeepsTheCoreExceptionAsCause() {
        runner().withPropertyValues("dsn.attempts=0").run(context -> {
            InvalidDSNPropertyException invalid = causeOfType(context.getStartupFailure(), InvalidDSNPropertyException.class);
            assertThat(invalid.getCause()).isInstanceOf(DSNConfigurationException.class);
            assertThat(((DSNConfigurationException) invalid.getCause()).setting()).isEqualTo("attempts");
        });
    }

    static Stream<Arguments> unreadableBootstrapNodes() {
        return Stream.of(
                arguments("nonsense", "is not host:port"),
                arguments("127.0.0.1:", "is not host:port"),
                arguments(":9000", "is not host:port"),
                arguments("127.0.0.1:http", "has no valid port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBootstrapNodes")
    void unreadableHostPortFailsTheBindingOfBootstrapNodes(String value, String explanation) {
        runner().withPropertyValues("dsn.aes-key=" + KEY, "dsn.bootstrap-nodes=" + value).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            BindException bind = causeOfType(failure, BindException.class);
            assertThat(bind).as("BindException in %s", failure).isNotNull();
            assertThat(bind.getName().toString()).isEqualTo("dsn.bootstrap-nodes");
            assertThat(messages(bind)).anySatisfy(message ->
                    assertThat(message).contains("'" + value + "'").contains(explanation).contains("host:port"));
            assertThat(new InvalidDSNPropertyFailureAnalyzer().analyze(failure)).isNull();
        });
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
