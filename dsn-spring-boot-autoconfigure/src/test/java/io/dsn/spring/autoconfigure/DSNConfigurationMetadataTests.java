package io.dsn.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration metadata that IDEs show for {@code dsn.*}. */
class DSNConfigurationMetadataTests {

    private static final List<String> PROPERTIES = List.of("dsn.enabled", "dsn.node-id", "dsn.port", "dsn.aes-key",
            "dsn.encryption", "dsn.credential-dir", "dsn.network-ip", "dsn.bind-address", "dsn.bootstrap-nodes",
            "dsn.tick-interval", "dsn.request-timeout", "dsn.attempts", "dsn.retry-pause", "dsn.max-body-size",
            "dsn.server-threads", "dsn.max-failed-requests-per-minute", "dsn.max-peers", "dsn.new-keys-per-minute",
            "dsn.max-peers-listed", "dsn.protocol", "dsn.network-keys", "dsn.max-clock-skew", "dsn.crypto-provider", "dsn.limits.request-head-timeout", "dsn.limits.request-read-timeout",
            "dsn.limits.idle-timeout", "dsn.limits.max-connections", "dsn.limits.max-connections-per-address",
            "dsn.limits.max-requests-in-flight", "dsn.limits.max-outgoing-in-flight", "dsn.limits.max-outgoing-per-peer",
            "dsn.limits.max-buffered-bytes", "dsn.health.require-peer", "dsn.transport", "dsn.in-memory.network-name",
            "dsn.discovery.max-nodes", "dsn.discovery.refresh-interval", "dsn.discovery.dns.name", "dsn.discovery.dns.port",
            "dsn.discovery.dns.srv", "dsn.discovery.client.service-id", "dsn.discovery.client.port-metadata-key",
            "dsn.observations.enabled");

    @Test
    void everyPropertyIsDescribed() throws IOException {
        String json = read("META-INF/spring-configuration-metadata.json");
        List<Map<String, Object>> properties = JsonPath.read(json, "$.properties[?(@.name =~ /dsn\\..*/)]");
        assertThat(properties).extracting(property -> (String) property.get("name"))
                .containsExactlyInAnyOrderElementsOf(PROPERTIES);
        assertThat(properties).allSatisfy(property ->
                assertThat((String) property.get("description")).as((String) property.get("name")).isNotBlank());
    }

    @Test
    void defaultsAreShown() throws IOException {
        String json = read("META-INF/spring-configuration-metadata.json");
        assertThat(defaultOf(json, "dsn.port")).isEqualTo(8000);
        assertThat(defaultOf(json, "dsn.credential-dir")).isEqualTo("credentials");
        assertThat(defaultOf(json, "dsn.tick-interval")).isEqualTo("3s");
        assertThat(defaultOf(json, "dsn.max-body-size")).isEqualTo("16MB");
        assertThat(defaultOf(json, "dsn.max-peers")).isEqualTo(2048);
        assertThat(defaultOf(json, "dsn.protocol")).isEqualTo("compatible");
        assertThat(defaultOf(json, "dsn.max-clock-skew")).isEqualTo("30s");
        assertThat(defaultOf(json, "dsn.new-keys-per-minute")).isEqualTo(120);
        assertThat(defaultOf(json, "dsn.limits.request-head-timeout")).isEqualTo("10s");
        assertThat(defaultOf(json, "dsn.limits.max-connections")).isEqualTo(4096);
        assertThat(defaultOf(json, "management.health.dsn.enabled")).isEqualTo(true);
        assertThat(defaultOf(json, "dsn.transport")).isEqualTo("http");
        assertThat(defaultOf(json, "dsn.in-memory.network-name")).isEqualTo("default");
        assertThat(defaultOf(json, "dsn.discovery.refresh-interval")).isEqualTo("10s");
        assertThat(defaultOf(json, "dsn.observations.enabled")).isEqualTo(true);
        assertThat(defaultOf(json, "management.endpoint.dsn.show-values")).isEqualTo("never");
    }

    @Test
    void durationsSayThatANumberWithoutUnitIsSeconds() throws IOException {
        String json = read("META-INF/spring-configuration-metadata.json");
        for (String name : List.of("dsn.tick-interval", "dsn.request-timeout", "dsn.retry-pause",
                "dsn.discovery.refresh-interval", "dsn.max-clock-skew")) {
            List<String> descriptions = JsonPath.read(json, "$.properties[?(@.name == '" + name + "')].description");
            assertThat(descriptions).as(name).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .contains("without a unit is seconds");
        }
    }

    @Test
    void theHealthSettingIsUnderManagementAndTheOldKeyIsDeprecatedForIt() throws IOException {
        String json = read("META-INF/spring-configuration-metadata.json");
        assertThat(defaultOf(json, "management.health.dsn.require-peer")).isEqualTo(false);
        List<String> replacements = JsonPath.read(json,
                "$.properties[?(@.name == 'dsn.health.require-peer')].deprecation.replacement");
        assertThat(replacements).containsExactly("management.health.dsn.require-peer");
    }

    private static Object defaultOf(String json, String name) {
        List<Object> defaults = JsonPath.read(json, "$.properties[?(@.name == '" + name + "')].defaultValue");
        assertThat(defaults).as(name).hasSize(1);
        return defaults.get(0);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = DSNConfigurationMetadataTests.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
