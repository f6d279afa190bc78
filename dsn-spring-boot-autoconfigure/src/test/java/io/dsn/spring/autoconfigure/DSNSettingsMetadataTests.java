package io.dsn.spring.autoconfigure;

import com.jayway.jsonpath.JsonPath;
import io.dsn.DSNSetting;
import io.dsn.DSNSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The metadata of the core settings' {@code dsn.*} properties is generated from their
 * declarations ({@link DSNSettings}) into the checked-in
 * {@code additional-spring-configuration-metadata.json}, beside the entries written by hand.
 * When a declaration changes, regenerate it with
 * {@value #REGENERATE}.
 */
class DSNSettingsMetadataTests {

    static final String REGENERATE = "./mvnw -B -pl dsn-spring-boot-autoconfigure -am clean test"
            + " -Dtest=DSNSettingsMetadataTests -Dsurefire.failIfNoSpecifiedTests=false -Ddsn.regenerate-metadata=true";

    /** From the module's directory, where Maven runs its tests. */
    private static final Path METADATA = Path.of("src", "main", "resources", "META-INF",
            "additional-spring-configuration-metadata.json");

    @Test
    void theCheckedInMetadataIsGeneratedFromTheDeclarations() throws IOException {
        String checkedIn = Files.readString(METADATA, StandardCharsets.UTF_8);
        String generated = generate(checkedIn);
        if (Boolean.getBoolean("dsn.regenerate-metadata")) {
            Files.writeString(METADATA, generated, StandardCharsets.UTF_8);
            checkedIn = generated;
        }
        assertThat(checkedIn).as(METADATA + " is not what the declarations of DSNSettings give; regenerate it with "
                + REGENERATE).isEqualTo(generated);
    }

    @Test
    void everyDeclarationIsAPropertyOfTheMergedMetadataWithItsTypeDefaultAndDescription() throws IOException {
        assumeFalse(Boolean.getBoolean("dsn.regenerate-metadata"), "the merged metadata is the previous build's");
        String merged;
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            merged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (DSNSetting<?> setting : DSNSettings.ALL) {
            List<Map<String, Object>> found = JsonPath.read(merged,
                    "$.properties[?(@.name == '" + setting.springProperty() + "')]");
            assertThat(found).as(setting.springProperty()).singleElement().satisfies(property -> {
                assertThat(property.get("type")).isEqualTo(DSNSettingsMetadata.type(setting));
                assertThat(property.get("description")).isEqualTo(DSNSettingsMetadata.description(setting));
                assertThat(property.get("defaultValue")).isEqualTo(DSNSettingsMetadata.defaultValue(setting));
            });
        }
    }

    /** The file as it should be: the entries written by hand as they are, then one per declaration. */
    private static String generate(String checkedIn) {
        Set<String> declared = DSNSettings.ALL.stream().map(DSNSetting::springProperty).collect(Collectors.toSet());
        List<Map<String, Object>> all = JsonPath.read(checkedIn, "$.properties[*]");
        List<Map<String, Object>> properties = new ArrayList<>();
        all.stream().filter(property -> !declared.contains((String) property.get("name"))).forEach(properties::add);
        for (DSNSetting<?> setting : DSNSettings.ALL) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("name", setting.springProperty());
            property.put("type", DSNSettingsMetadata.type(setting));
            property.put("description", DSNSettingsMetadata.description(setting));
            Object defaultValue = DSNSettingsMetadata.defaultValue(setting);
            if (defaultValue != null) {
                property.put("defaultValue", defaultValue);
            }
            properties.add(property);
        }
        return "{\n  \"properties\": [\n" + properties.stream().map(DSNSettingsMetadataTests::json)
                .collect(Collectors.joining(",\n")) + "\n  ]\n}\n";
    }

    private static String json(Map<String, Object> property) {
        return property.entrySet().stream()
                .map(entry -> "      " + quoted(entry.getKey()) + ": " + value(entry.getValue()))
                .collect(Collectors.joining(",\n", "    {\n", "\n    }"));
    }

    private static String value(Object value) {
        return value instanceof String text ? quoted(text) : String.valueOf(value);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
