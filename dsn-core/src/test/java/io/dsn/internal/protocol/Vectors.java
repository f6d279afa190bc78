package io.dsn.internal.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Test helper: the protocol vectors ({@code vectors-0.6.7.json}, produced by the Python
 * implementation) as nested unmodifiable maps and lists. Objects keep their key order;
 * integers are {@link Long}, other numbers {@link Double}.
 */
public final class Vectors {

    public static final String RESOURCE = "/vectors-0.6.7.json";

    private static final Map<String, Object> VECTORS = read(RESOURCE);

    private Vectors() {
    }

    /** The whole vectors document. */
    public static Map<String, Object> load() {
        return VECTORS;
    }

    /** The value at a path of object keys, for example {@code get("hello", "wire_hex")}. */
    public static Object get(String... path) {
        Object node = VECTORS;
        for (String key : path) {
            Map<String, Object> object = map(node);
            if (!object.containsKey(key)) {
                throw new IllegalArgumentException("no vector at " + String.join(".", path));
            }
            node = object.get(key);
        }
        return node;
    }

    /** The hex string at a path, decoded. */
    public static byte[] hexAt(String... path) {
        return hex((String) get(path));
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object node) {
        return (List<Object>) node;
    }

    /** Reads another vectors document of the test classpath, for example {@code /vectors-secure-1.json}. */
    public static Map<String, Object> read(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath");
            }
            try (JsonParser parser = JsonFactory.builder().build().createParser(ObjectReadContext.empty(), in)) {
                return map(value(parser, parser.nextToken()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    object.put(key, value(parser, parser.nextToken()));
                }
                return Collections.unmodifiableMap(object);
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return Collections.unmodifiableList(array);
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                // Collections.unmodifiableMap allows null values; callers see a JSON null as null.
                return null;
            }
            default -> throw new IllegalStateException("unexpected token " + token);
        }
    }
}
