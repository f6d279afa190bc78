package io.dsn.internal.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * The state JSON exactly as Python's {@code json.dumps(dict)} writes it with default settings,
 * and a parser for what Python peers send.
 */
public final class PythonJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    // The only non-finite tokens Python's json module reads and writes.
    private static final Set<String> PYTHON_NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJson() {
    }

    /**
     * Writes the map as {@code json.dumps} does: {@code {"k": "v", "k2": "v2"}}, keys in
     * iteration order, every character outside {@code 0x20..0x7E} escaped.
     */
    public static String write(Map<String, String> state) {
        StringBuilder out = new StringBuilder(2 + state.size() * 16);
        writeObject(out, state);
        return out.toString();
    }

    /**
     * Parses a JSON object into an unmodifiable map in document order. String values are kept
     * as they are; any other value (number, boolean, null, list, object) is kept as its JSON text
     * in {@code json.dumps} style, numbers with their original text. A repeated key keeps its
     * first position and its last value, as a Python dict does.
     *
     * @throws PacketFormatException if the text is not exactly one well-formed JSON object
     */
    public static Map<String, String> parseState(String json) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PacketFormatException("state JSON is not an object");
            }
            Map<String, String> state = new LinkedHashMap<>();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String key = parser.currentName();
                Object value = readValue(parser, parser.nextToken());
                state.put(key, value instanceof String s ? s : render(value));
            }
            if (token != JsonToken.END_OBJECT) {
                throw new PacketFormatException("state JSON object is not closed");
            }
            if (parser.nextToken() != null) {
                throw new PacketFormatException("trailing content after the state JSON object");
            }
            return Collections.unmodifiableMap(state);
        } catch (JacksonException e) {
            throw new PacketFormatException("malformed state JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A number, boolean or null, kept as its JSON text. */
    private record Literal(String text) {
    }

    /** Reads one value into String, Literal, LinkedHashMap or ArrayList, with Python dict semantics. */
    private static Object readValue(JsonParser parser, JsonToken token) {
        if (token == null) {
            throw new PacketFormatException("state JSON ends early");
        }
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return new Literal(parser.getText());
            case VALUE_NUMBER_FLOAT:
                String text = parser.getText();
                if (parser.isNaN() && !PYTHON_NON_FINITE.contains(text)) {
                    throw new PacketFormatException("number token Python does not accept: " + text);
                }
                return new Literal(text);
            case VALUE_TRUE:
                return new Literal("true");
            case VALUE_FALSE:
                return new Literal("false");
            case VALUE_NULL:
                return new Literal("null");
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(readValue(parser, t)); // readValue rejects a null (end of input) token
                }
                return list;
            case START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    if (t != JsonToken.PROPERTY_NAME) {
                        throw new PacketFormatException("state JSON object is not closed");
                    }
                    String key = parser.currentName();
                    map.put(key, readValue(parser, parser.nextToken()));
                }
                return map;
            default:
                throw new PacketFormatException("unexpected JSON token " + token);
        }
    }

    private static String render(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Literal literal) {
            out.append(literal.text());
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeValue(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value);
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            writeString(out, (String) entry.getKey());
            out.append(": ");
            writeValue(out, entry.getValue());
        }
        out.append('}');
    }

    /** Python's ensure_ascii escaping; astral characters come out as their two UTF-16 halves. */
    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c >= 0x20 && c <= 0x7E) {
                        out.append(c);
                    } else {
                        out.append("\\u")
                                .append(HEX[c >> 12 & 0xF])
                                .append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    }
                }
            }
        }
        out.append('"');
    }
}
