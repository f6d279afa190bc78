package io.dsn.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import io.dsn.DSNSetting;
import io.dsn.DSNSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property tables of docs/configuration.md against the generated configuration metadata: every
 * property of the metadata is in a table, every property of the tables is in the metadata, and
 * where the metadata has a default the table shows the same one. The table of the node's settings
 * is generated from their declarations ({@link DSNSettings}): name, default and description.
 */
class ConfigurationReferenceTests {

    /** From the module's directory, where Maven runs its tests. */
    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    static final String REGENERATE = "./mvnw -B -pl dsn-spring-boot-autoconfigure -am test"
            + " -Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false -Ddsn.regenerate-reference=true";

    private static final String TABLE_BEGIN = "<!-- generated from io.dsn.DSNSettings by ConfigurationReferenceTests -->";
    private static final String TABLE_END = "<!-- end of the generated table -->";

    /** One row of the table: | `dsn.x` | default | meaning | */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|([^|]*)\\|.*\\|\\s*$");

    @Test
    void everyPropertyOfTheMetadataIsDocumentedWithItsDefault() throws IOException {
        Map<String, String> documented = documentedProperties();
        Map<String, Object> metadata = metadataProperties();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> property : metadata.entrySet()) {
            String name = property.getKey();
            if (!documented.containsKey(name)) {
                problems.add(name + " is in the metadata but not in " + REFERENCE);
                continue;
            }
            Object defaultValue = property.getValue();
            if (defaultValue != null && !normalise(documented.get(name)).equals(normalise(String.valueOf(defaultValue)))) {
                problems.add(name + " has the default '" + documented.get(name) + "' in " + REFERENCE
                        + " but '" + defaultValue + "' in the metadata");
            }
        }
        for (String name : new TreeSet<>(documented.keySet())) {
            if (!metadata.containsKey(name)) {
                problems.add(name + " is in " + REFERENCE + " but no such property exists in the metadata");
            }
        }
        assertThat(problems).as("docs/configuration.md against META-INF/spring-configuration-metadata.json").isEmpty();
    }

    @Test
    void theTableOfTheNodeSettingsIsGeneratedFromTheirDeclarations() throws IOException {
        String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        int begin = reference.indexOf(TABLE_BEGIN);
        int end = reference.indexOf(TABLE_END);
        assertThat(begin).as(TABLE_BEGIN + " in " + REFERENCE).isNotNegative();
        assertThat(end).as(TABLE_END + " in " + REFERENCE).isGreaterThan(begin);
        String generated = reference.substring(0, begin + TABLE_BEGIN.length()) + "\n" + settingsTable()
                + reference.substring(end);
        if (Boolean.getBoolean("dsn.regenerate-reference")) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
            reference = generated;
        }
        assertThat(reference).as("the table of " + REFERENCE + " is not what the declarations of DSNSettings give;"
                + " regenerate it with " + REGENERATE).isEqualTo(generated);
    }

    /** One row per declaration: the property, its default and bounds, its fromMap key and builder method, what it does. */
    private static String settingsTable() {
        StringBuilder table = new StringBuilder("| property | default | valid | `fromMap` key | `DSNodeConfig.Builder` | meaning |\n"
                + "|---|---|---|---|---|---|\n");
        for (DSNSetting<?> setting : DSNSettings.ALL) {
            String builder = setting.isLimit() ? "`limits` (`TransportLimits." + setting.javaName() + "`)"
                    : "`" + setting.javaName() + "`";
            table.append("| `").append(setting.springProperty()).append("` | ")
                    .append(DSNSettingsMetadata.referenceDefault(setting)).append(" | ")
                    .append(DSNSettingsMetadata.referenceBounds(setting)).append(" | `").append(setting.key())
                    .append("` | ").append(builder).append(" | ").append(DSNSettingsMetadata.description(setting))
                    .append(" |\n");
        }
        return table.toString();
    }

    @Test
    void theTableIsFound() throws IOException {
        assertThat(documentedProperties()).containsKeys("dsn.port", "dsn.aes-key", "management.health.dsn.enabled");
    }

    /** The properties of the reference's table, with the default as written (without backticks). */
    private static Map<String, String> documentedProperties() throws IOException {
        assertThat(REFERENCE).as("the configuration reference, from " + Path.of("").toAbsolutePath()).exists();
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : Files.readAllLines(REFERENCE, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line.trim());
            if (row.matches() && isProperty(row.group(1))) {
                String previous = properties.put(row.group(1), row.group(2).trim().replace("`", ""));
                assertThat(previous).as(row.group(1) + " is listed twice in " + REFERENCE).isNull();
            }
        }
        return properties;
    }

    /** Every property of this module's metadata, with its default value (null when it has none). */
    private static Map<String, Object> metadataProperties() throws IOException {
        String json;
        try (InputStream in = ConfigurationReferenceTests.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, Object>> all = JsonPath.read(json, "$.properties[*]");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map<String, Object> property : all) {
            String name = (String) property.get("name");
            if (isProperty(name)) {
                properties.put(name, property.get("defaultValue"));
            }
        }
        return properties;
    }

    /** The starter's own properties: dsn.* and the actuator's management.*.dsn.*. */
    private static boolean isProperty(String name) {
        return name.startsWith("dsn.") || (name.startsWith("management.") && name.contains(".dsn."));
    }

    /** Compared as Spring binds them: case and '-' or '_' in enum names do not matter. */
    private static String normalise(String value) {
        return value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
