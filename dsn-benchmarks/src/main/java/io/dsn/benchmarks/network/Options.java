package io.dsn.benchmarks.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line options of a scenario: {@code --name value} or {@code --name=value}. Values are
 * read with a default, so a scenario states its defaults where it uses them.
 */
public final class Options {

    private static final String FLAG = "true";

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** No option given: every scenario runs with its defaults. */
    public static Options none() {
        return new Options(Map.of());
    }

    /**
     * Parses {@code --name value} and {@code --name=value} pairs, and flags: {@code --name}
     * followed by another option or by nothing (its value is {@code true}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Options parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("expected an option such as --nodes 10, got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = FLAG;
            }
            values.put(name, value);
        }
        return new Options(values);
    }

    /** Throws if an option was given that the scenario does not know. */
    public void requireKnown(String scenario, Set<String> known) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario + " does not know --" + String.join(", --", unknown)
                    + "; it takes --" + String.join(", --", new TreeSet<>(known)));
        }
    }

    public int intValue(String name, int defaultValue, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public double doubleValue(String name, double defaultValue, double min, double max) {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A duration given in seconds (fractions allowed). */
    public Duration seconds(String name, double defaultSeconds, double maxSeconds) {
        return Duration.ofNanos(Math.round(doubleValue(name, defaultSeconds, 0, maxSeconds) * 1e9));
    }

    /** A duration given in milliseconds, or the default when the option is absent. */
    public Duration millis(String name, Duration defaultValue, int min, int max) {
        String text = values.get(name);
        return text == null ? defaultValue : Duration.ofMillis(intValue(name, 0, min, max));
    }

    /** The given options among {@code names}, as command-line arguments {@code --name value}. */
    public List<String> argsFor(Set<String> names) {
        List<String> args = new ArrayList<>();
        values.forEach((name, value) -> {
            if (names.contains(name)) {
                args.add("--" + name);
                args.add(value);
            }
        });
        return args;
    }

    /** Whether the flag was given ({@code --name}, or {@code --name true}; {@code --name false} is off). */
    public boolean flag(String name) {
        String text = values.get(name);
        if (text == null || text.equals("false")) {
            return false;
        }
        if (!text.equals(FLAG)) {
            throw new IllegalArgumentException("--" + name + " is a flag: give it alone, got '" + text + "'");
        }
        return true;
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
