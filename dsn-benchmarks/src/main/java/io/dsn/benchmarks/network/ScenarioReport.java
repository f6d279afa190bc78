package io.dsn.benchmarks.network;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one scenario run, in the order they were added: printed as a table for people
 * and as one JSON line (starting with <code>{"scenario":</code>) for tools.
 */
public final class ScenarioReport {

    private record Figure(String key, Object value, String unit, String description) {
    }

    private final String scenario;
    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public ScenarioReport(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    /**
     * Adds a figure; {@code value} is a Number, Boolean or String, or a list of maps of those (a
     * JSON array of objects, shown in the table by its length). Doubles are rounded to 3 decimals.
     */
    public ScenarioReport add(String key, Object value, String unit, String description) {
        if (!(value instanceof Number || value instanceof Boolean || value instanceof String || value instanceof List)) {
            throw new IllegalArgumentException("figure " + key + " has an unsupported value " + value);
        }
        if (value instanceof Double d && Double.isFinite(d)) {
            value = Math.round(d * 1000.0) / 1000.0;
        }
        figures.put(key, new Figure(key, value, unit, description));
        return this;
    }

    /** Adds a line of explanation under the table (not part of the JSON). */
    public ScenarioReport note(String line) {
        notes.add(line);
        return this;
    }

    /** The figures as key to value, in order. */
    public Map<String, Object> figures() {
        Map<String, Object> values = new LinkedHashMap<>();
        figures.forEach((key, figure) -> values.put(key, figure.value()));
        return Collections.unmodifiableMap(values);
    }

    public Object get(String key) {
        Figure figure = figures.get(key);
        return figure == null ? null : figure.value();
    }

    public void printTable(PrintStream out) {
        int width = "figure".length();
        for (Figure f : figures.values()) {
            width = Math.max(width, f.description().length());
        }
        int valueWidth = 12;
        for (Figure f : figures.values()) {
            valueWidth = Math.max(valueWidth, format(f.value()).length());
        }
        String rule = "-".repeat(width + valueWidth + 20);
        out.println();
        out.println("DSN benchmark: " + scenario);
        out.println(rule);
        for (Figure f : figures.values()) {
            out.printf(Locale.ROOT, "%-" + width + "s  %" + valueWidth + "s  %s%n", f.description(), format(f.value()), f.unit());
        }
        out.println(rule);
        notes.forEach(out::println);
        if (!notes.isEmpty()) {
            out.println(rule);
        }
    }

    /** One line of JSON with every figure: {@code {"scenario":"fanout","nodes":10,...}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder("{");
        appendString(json, "scenario");
        json.append(':');
        appendString(json, scenario);
        for (Figure f : figures.values()) {
            json.append(',');
            appendString(json, f.key());
            json.append(':');
            appendValue(json, f.value());
        }
        return json.append('}').toString();
    }

    /** A string, a number, a boolean, or lists and maps of them (as JSON arrays and objects). */
    private static void appendValue(StringBuilder json, Object value) {
        if (value instanceof String s) {
            appendString(json, s);
        } else if (value instanceof Double d && !Double.isFinite(d)) {
            json.append("null");
        } else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",");
                appendValue(json, list.get(i));
            }
            json.append(']');
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ",");
                first = false;
                appendString(json, String.valueOf(entry.getKey()));
                json.append(':');
                appendValue(json, entry.getValue());
            }
            json.append('}');
        } else {
            json.append(value);
        }
    }

    public void print(PrintStream out) {
        printTable(out);
        out.println(toJson());
        out.flush();
    }

    private static String format(Object value) {
        if (value instanceof List<?> list) {
            return list.size() + " listed";
        }
        return value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
