package io.dsn;

import io.dsn.transport.TransportLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The declarations of {@link DSNSettings}: the config, its builder and the errors are derived from them. */
class DSNSettingsTest {

    @Test
    void everySettingHasItsOwnKeyAndJavaNameAndADescription() {
        assertThat(DSNSettings.ALL).extracting(DSNSetting::key).doesNotHaveDuplicates();
        assertThat(DSNSettings.ALL).filteredOn(setting -> !setting.isLimit()).extracting(DSNSetting::javaName)
                .doesNotHaveDuplicates();
        assertThat(DSNSettings.ALL).allSatisfy(setting -> assertThat(setting.description()).as(setting.key()).isNotBlank());
        assertThat(DSNSettings.byKey("limits.max_connections")).contains(DSNSettings.LIMITS_MAX_CONNECTIONS);
    }

    @Test
    void aConfigWithoutValuesHoldsEveryDeclaredDefault() {
        DSNodeConfig config = DSNodeConfig.builder().nodeId("n").build();
        for (DSNSetting<?> setting : DSNSettings.ALL) {
            if (setting == DSNSettings.NODE_ID) {
                continue;
            }
            assertThat(config.value(setting)).as(setting.key()).isEqualTo(setting.defaultValue());
        }
        assertThat(config.limits()).isEqualTo(TransportLimits.DEFAULTS);
    }

    @Test
    void theSetMethodAndTheTypedOnesAreTheSame() {
        DSNodeConfig typed = DSNodeConfig.builder().nodeId("n").tickInterval(Duration.ofSeconds(7)).build();
        DSNodeConfig generic = DSNodeConfig.builder().set(DSNSettings.NODE_ID, "n")
                .set(DSNSettings.TICK_INTERVAL, Duration.ofSeconds(7)).build();
        assertThat(generic.tickInterval()).isEqualTo(typed.tickInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(generic.toString()).isEqualTo(typed.toString());
    }

    @Test
    void fromMapTakesTheKeyOfEveryDeclaration() {
        assertThat(ConfigMapReader.KEYS).contains("node_id", "max_clock_skew", "limits").doesNotContain("max_connections");
        assertThat(ConfigMapReader.LIMIT_KEYS).contains("max_connections", "max_buffered_bytes").hasSize(9);
        assertThat(DSNodeConfig.fromMap(Map.of("node_id", "n", "limits", Map.of("max_buffered_bytes", 4096)))
                .limits().maxBufferedBytes()).isEqualTo(4096L);
    }

    @Test
    void anErrorCarriesItsSettingAndIsWordedInEitherNaming() {
        DSNConfigurationException e = catchThrowableOfType(DSNConfigurationException.class,
                () -> DSNodeConfig.builder().nodeId("n").attempts(0).build());
        assertThat(e.declaration()).contains(DSNSettings.ATTEMPTS);
        assertThat(e.getMessage()).isEqualTo("attempts must be at least 1, was 0");
        assertThat(e.reason(DSNSettingNaming.SPRING_PROPERTIES)).isEqualTo("must be at least 1, was 0");
        assertThat(e.messageIn(DSNSettingNaming.SPRING_PROPERTIES)).isEqualTo("dsn.attempts must be at least 1, was 0");

        DSNConfigurationException limits = catchThrowableOfType(DSNConfigurationException.class,
                () -> TransportLimits.DEFAULTS.withRequestReadTimeout(Duration.ofSeconds(1)));
        assertThat(limits.getMessage()).contains("limits.request_read_timeout (PT1S) must be at least limits.request_head_timeout");
        assertThat(limits.messageIn(DSNSettingNaming.SPRING_PROPERTIES))
                .startsWith("dsn.limits.request-read-timeout (PT1S) must be at least dsn.limits.request-head-timeout");
    }

    @Test
    void anErrorOfTheConfigNamesTheOtherSettingsInTheConfigsNaming() {
        DSNConfigurationException e = catchThrowableOfType(DSNConfigurationException.class,
                () -> DSNodeConfig.builder().nodeId("n").addBootstrapNode("10.0.0.1", 8000).build());
        assertThat(e.getMessage()).contains("through bootstrap_nodes").contains("set encryption=false");
        assertThat(e.messageIn(DSNSettingNaming.SPRING_PROPERTIES)).startsWith("dsn.aes-key is required")
                .contains("through dsn.bootstrap-nodes").contains("set dsn.encryption=false").doesNotContain("_");
    }

    @Test
    void theSpringPropertyIsTheKeyInKebabCase() {
        assertThat(DSNSettings.LIMITS_MAX_CONNECTIONS_PER_ADDRESS.springProperty())
                .isEqualTo("dsn.limits.max-connections-per-address");
        assertThat(DSNSettings.AES_KEY.springProperty()).isEqualTo("dsn.aes-key");
    }
}
