package io.dsn.spring.autoconfigure;

import io.dsn.DSNSetting;
import io.dsn.DSNSettings;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the starter shows a core setting in its configuration metadata and reference: the type
 * {@link DSNSettingValues} binds it as, its default as a property value ({@code 3s}, {@code 16MB}),
 * and its description with what the starter adds to it. The checked-in
 * {@code additional-spring-configuration-metadata.json} and the table of docs/configuration.md are
 * generated from this ({@link DSNSettingsMetadataTests}, {@link ConfigurationReferenceTests}).
 */
final class DSNSettingsMetadata {

    /** What the starter does beyond the core for a setting: its own defaults and rules. */
    private static final Map<DSNSetting<?>, String> STARTER_NOTES = Map.of(
            DSNSettings.NODE_ID, "Defaults to spring.application.name-hostname, so that replicas of one application"
                    + " get ids of their own.",
            DSNSettings.PORT, "Separate from the application's web port. Not used on the in-memory transport, whose"
                    + " node always takes a free port of its in-memory network.",
            DSNSettings.NETWORK_IP, "When not set: 127.0.0.1 on the in-memory transport or when the node binds to or"
                    + " bootstraps through loopback only, otherwise a site-local address of this host (10.x,"
                    + " 172.16-31.x, 192.168.x, as a pod has), or 127.0.0.1 when it has none.",
            DSNSettings.BOOTSTRAP_NODES, "Written as 'host:port' strings (comma-separated) or as entries with"
                    + " 'address' and 'port'.",
            DSNSettings.NETWORK_KEYS, "Comma-separated.",
            DSNSettings.CREDENTIAL_DIR, "On the in-memory transport, when not set, a temporary directory of the"
                    + " context's own.");

    /** Settings whose default the starter works out itself, so that the core's is not theirs. */
    private static final Set<DSNSetting<?>> STARTER_DEFAULTS = Set.of(DSNSettings.NODE_ID, DSNSettings.NETWORK_IP);

    private DSNSettingsMetadata() {
    }

    /** The type of the property, as the configuration metadata names it. */
    static String type(DSNSetting<?> setting) {
        return switch (setting.kind()) {
            case TEXT -> String.class.getName();
            case WHOLE_NUMBER -> Integer.class.getName();
            case BYTES -> "org.springframework.util.unit.DataSize";
            case FLAG -> Boolean.class.getName();
            case SECONDS -> Duration.class.getName();
            case PATH -> Path.class.getName();
            case TEXTS -> "java.util.List<java.lang.String>";
            case ENDPOINTS -> "java.util.List<" + DSNProperties.BootstrapNode.class.getName() + ">";
            case CHOICE -> setting.type().getName();
        };
    }

    /** The default as a property value, a JSON number or boolean where it is one; null for none or an empty list. */
    static @Nullable Object defaultValue(DSNSetting<?> setting) {
        Object value = setting.defaultValue();
        if (value == null || (value instanceof List<?> list && list.isEmpty()) || STARTER_DEFAULTS.contains(setting)) {
            return null;
        }
        return switch (setting.kind()) {
            case BYTES -> dataSize(((Number) value).longValue());
            case SECONDS -> duration((Duration) value);
            case PATH -> value.toString();
            case CHOICE -> DSNSetting.choiceName((Enum<?>) value);
            default -> value;
        };
    }

    /** The default as the configuration reference shows it: {@code `3s`}, none, or the starter's rule. */
    static String referenceDefault(DSNSetting<?> setting) {
        if (setting == DSNSettings.NODE_ID) {
            return "`<spring.application.name>-<host name>`";
        }
        if (setting == DSNSettings.NETWORK_IP) {
            return "detected (plain Java: `127.0.0.1`)";
        }
        Object value = defaultValue(setting);
        return value == null ? "none" : "`" + value + "`";
    }

    /** The core's description, then the starter's note. */
    static String description(DSNSetting<?> setting) {
        String note = STARTER_NOTES.get(setting);
        return note == null ? setting.description() : setting.description() + " " + note;
    }

    /** The valid values as the configuration reference shows them: {@code `10ms` to `10m`}, at least {@code `1`}. */
    static String referenceBounds(DSNSetting<?> setting) {
        if (!setting.choiceNames().isEmpty()) {
            return setting.choiceNames().stream().map(name -> "`" + name + "`").collect(java.util.stream.Collectors.joining(", "));
        }
        Object min = setting.min();
        Object max = setting.max();
        if (min instanceof Duration least && least.compareTo(Duration.ofMillis(1)) < 0 && !least.isZero() && max == null) {
            return "positive";
        }
        if (min != null && max != null) {
            return bound(setting, min) + " to " + bound(setting, max);
        }
        if (min != null) {
            return "at least " + bound(setting, min);
        }
        return max != null ? "at most " + bound(setting, max) : "";
    }

    private static String bound(DSNSetting<?> setting, Object value) {
        return "`" + switch (setting.kind()) {
            case BYTES -> dataSize(((Number) value).longValue());
            case SECONDS -> ((Duration) value).toSeconds() >= 60 && ((Duration) value).toSeconds() % 60 == 0
                    ? ((Duration) value).toMinutes() + "m" : duration((Duration) value);
            default -> String.valueOf(value);
        } + "`";
    }

    private static String duration(Duration value) {
        return value.toMillis() % 1000 == 0 ? value.toSeconds() + "s" : value.toMillis() + "ms";
    }

    private static String dataSize(long bytes) {
        long megabyte = 1024 * 1024;
        return bytes % megabyte == 0 ? bytes / megabyte + "MB" : bytes + "B";
    }
}
