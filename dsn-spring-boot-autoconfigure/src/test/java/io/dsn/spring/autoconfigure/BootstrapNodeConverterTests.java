package io.dsn.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code host:port} strings as bootstrap nodes. */
class BootstrapNodeConverterTests {

    private final BootstrapNodeConverter converter = new BootstrapNodeConverter();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "10.0.0.1:9000        | 10.0.0.1            | 9000",
            "10.0.0.2:9001        | 10.0.0.2            | 9001",
            "  node-a.local:8000  | node-a.local        | 8000",
            "localhost:1          | localhost           | 1",
            "[::1]:9000           | ::1                 | 9000",
            "[fe80::1%eth0]:65535 | fe80::1%eth0        | 65535"})
    void readsHostAndPort(String text, String address, int port) {
        DSNProperties.BootstrapNode node = converter.convert(text);
        assertThat(node.getAddress()).isEqualTo(address);
        assertThat(node.getPort()).isEqualTo(port);
        assertThat(node).hasToString(address + ":" + port);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"nonsense", "10.0.0.1", "10.0.0.1:", ":9000", "", "   "})
    void refusesTextWithoutHostAndPort(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> converter.convert(text))
                .withMessageContaining("'" + text + "' is not host:port")
                .withMessageContaining("address")
                .withMessageContaining("port");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"10.0.0.1:http", "10.0.0.1:9000x", "10.0.0.1:99999999999"})
    void refusesAPortThatIsNotANumber(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> converter.convert(text))
                .withMessageContaining("'" + text + "' has no valid port")
                .withMessageContaining("host:port");
    }

    @Test
    void leavesTheRangeOfThePortToTheConfigurationCheck() {
        // 70000 is read, and refused later as dsn.bootstrap-nodes (see DSNInvalidPropertyTests).
        assertThat(converter.convert("10.0.0.1:70000").getPort()).isEqualTo(70000);
    }
}
