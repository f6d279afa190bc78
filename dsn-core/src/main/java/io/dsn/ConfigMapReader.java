package io.dsn;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads a {@link DSNodeConfig} from the Python node's configuration keys, as {@link DSNSettings} declares them. */
final class ConfigMapReader {

    /** The keys of the map: every setting's but the limits', which are the keys of the nested {@code limits} map. */
    static final Set<String> KEYS = keys(false);

    /** The keys of the {@code limits} map: {@link io.dsn.transport.TransportLimits}, durations in seconds. */
    static final Set<String> LIMIT_KEYS = keys(true);

    private ConfigMapReader() {
    }

    static DSNodeConfig read(Map<String, ?> map) {
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new DSNConfigurationException(key, "Unknown DSN configuration key '" + key
                        + "'; valid keys are " + new TreeSet<>(KEYS));
            }
        }
        DSNodeConfig.Builder builder = DSNodeConfig.builder();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            if (entry.getKey().equals(DSNSettings.LIMITS_KEY)) {
                readLimits(entry.getValue(), builder);
            } else {
                readInto(builder, DSNSettings.byKey(entry.getKey()).orElseThrow(), entry.getValue());
            }
        }
        return builder.build();
    }

    private static void readLimits(Object value, DSNodeConfig.Builder builder) {
        if (!(value instanceof Map<?, ?> given)) {
            throw new DSNConfigurationException(DSNSettings.LIMITS_KEY, DSNSettings.LIMITS_KEY
                    + " must be a map with the keys " + new TreeSet<>(LIMIT_KEYS) + ", was " + describe(value));
        }
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            // Named "limits.<key>" so that every message says where the wrong value is.
            String key = DSNSettings.LIMITS_KEY + "." + entry.getKey();
            if (!LIMIT_KEYS.contains(String.valueOf(entry.getKey()))) {
                throw new DSNConfigurationException(key, "Unknown DSN configuration key '" + key + "'; valid keys of "
                        + DSNSettings.LIMITS_KEY + " are " + new TreeSet<>(LIMIT_KEYS));
            }
            if (entry.getValue() != null) {
                readInto(builder, DSNSettings.byKey(key).orElseThrow(), entry.getValue());
            }
        }
    }

    private static <T> void readInto(DSNodeConfig.Builder builder, DSNSetting<T> setting, Object value) {
        builder.set(setting, setting.type().cast(read(setting, value)));
    }

    /** The value as the setting's {@link DSNSetting#kind() kind} is written in a Python configuration. */
    private static Object read(DSNSetting<?> setting, Object value) {
        return switch (setting.kind()) {
            case TEXT -> text(setting, value);
            case WHOLE_NUMBER, BYTES -> setting.type() == Long.class ? (Object) (long) integer(setting, value)
                    : integer(setting, value);
            case FLAG -> bool(setting, value);
            case SECONDS -> seconds(setting, value);
            case PATH -> Path.of(text(setting, value));
            case TEXTS -> texts(setting, value);
            case ENDPOINTS -> endpoints(setting, value);
            case CHOICE -> choice(setting, value);
        };
    }

    private static String text(DSNSetting<?> setting, Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw new DSNConfigurationException(setting, "must be a string, was " + describe(value));
    }

    private static List<String> texts(DSNSetting<?> setting, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(CharSequence.class::isInstance)) {
            return list.stream().map(Object::toString).toList();
        }
        // The type only: the value may hold keys, which never go to a message.
        throw new DSNConfigurationException(setting, "must be a list of strings, was a " + value.getClass().getSimpleName());
    }

    private static int integer(DSNSetting<?> setting, @Nullable Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        } else if (value instanceof CharSequence text) {
            try {
                return Integer.parseInt(text.toString().trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new DSNConfigurationException(setting, "must be a whole number, was " + describe(value));
    }

    private static boolean bool(DSNSetting<?> setting, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof CharSequence text) {
            String s = text.toString().trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
        }
        throw new DSNConfigurationException(setting, "must be true or false, was " + describe(value));
    }

    private static Duration seconds(DSNSetting<?> setting, Object value) {
        double seconds = Double.NaN;
        if (value instanceof Number number) {
            seconds = number.doubleValue();
        } else if (value instanceof CharSequence text) {
            try {
                seconds = Double.parseDouble(text.toString().trim());
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > Integer.MAX_VALUE) {
            throw new DSNConfigurationException(setting, "must be a number of seconds, was " + describe(value));
        }
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }

    /** {@code a or b}, {@code a, b or c}. */
    private static String choices(List<String> names) {
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static Object choice(DSNSetting<?> setting, Object value) {
        String name = text(setting, value).trim();
        Object[] choices = setting.type().getEnumConstants();
        for (Object choice : choices) {
            if (DSNSetting.choiceName((Enum<?>) choice).equalsIgnoreCase(name)) {
                return choice;
            }
        }
        throw new DSNConfigurationException(setting, "must be " + choices(setting.choiceNames()) + ", was '" + name + "'");
    }

    private static List<Endpoint> endpoints(DSNSetting<?> setting, Object value) {
        if (!(value instanceof List<?> list)) {
            throw new DSNConfigurationException(setting, "must be a list of {address, port} maps, was " + describe(value));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> node) || !(node.get("address") instanceof CharSequence address)
                    || node.get("port") == null) {
                throw new DSNConfigurationException(setting,
                        "entries must be maps with 'address' and 'port', found " + describe(entry));
            }
            int port = integer(setting, node.get("port"));
            if (port < 1 || port > 65535) {
                throw new DSNConfigurationException(setting,
                        "entry " + address + " has port " + port + "; valid ports are 1 to 65535");
            }
            endpoints.add(new Endpoint(address.toString(), port));
        }
        return endpoints;
    }

    private static Set<String> keys(boolean limits) {
        Set<String> keys = DSNSettings.ALL.stream().filter(setting -> setting.isLimit() == limits)
                .map(setting -> limits ? setting.key().substring(DSNSettings.LIMITS_KEY.length() + 1) : setting.key())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!limits) {
            keys.add(DSNSettings.LIMITS_KEY);
        }
        return Set.copyOf(keys);
    }

    private static String describe(@Nullable Object value) {
        return value == null ? "null" : "'" + value + "' (" + value.getClass().getSimpleName() + ")";
    }
}
