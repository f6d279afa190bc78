package io.dsn.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PythonJsonTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> vectorStates() {
        return Vectors.list(Vectors.get("state")).stream()
                .map(v -> (Map<String, String>) Vectors.map(v).get("state"))
                .toList();
    }

    private static List<String> vectorJson() {
        return Vectors.list(Vectors.get("state")).stream()
                .map(v -> (String) Vectors.map(v).get("state_json"))
                .toList();
    }

    @Test
    void writesEveryVectorExactly() {
        List<Map<String, String>> states = vectorStates();
        List<String> json = vectorJson();
        assertThat(states).hasSize(3);
        for (int i = 0; i < states.size(); i++) {
            assertThat(PythonJson.write(states.get(i))).as("state[%d]", i).isEqualTo(json.get(i));
        }
    }

    @Test
    void parsesEveryVectorBackInOrder() {
        List<Map<String, String>> states = vectorStates();
        List<String> json = vectorJson();
        for (int i = 0; i < states.size(); i++) {
            Map<String, String> parsed = PythonJson.parseState(json.get(i));
            assertThat(parsed).as("state[%d]", i).containsExactlyEntriesOf(states.get(i));
        }
    }

    @Test
    void writesEmptyAndOrderedMaps() {
        assertThat(PythonJson.write(Map.of())).isEqualTo("{}");
        Map<String, String> state = new LinkedHashMap<>();
        state.put("z", "1");
        state.put("a", "2");
        assertThat(PythonJson.write(state)).isEqualTo("{\"z\": \"1\", \"a\": \"2\"}");
    }

    @Test
    void escapesEveryAsciiCharacterAsPythonDoes() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c);
        }
        // json.dumps({"k": "".join(map(chr, range(0x80)))}) from CPython 3
        String expected = "{\"k\": \"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b"
                + "\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
                + "abcdefghijklmnopqrstuvwxyz{|}~\\u007f\"}";
        assertThat(PythonJson.write(Map.of("k", ascii.toString()))).isEqualTo(expected);
    }

    @Test
    void escapesNonAsciiAsLowercaseUtf16Units() {
        String value = "\u0080\u00ff\u0100\u07ff\u0800\uffff" + new String(Character.toChars(0x10000))
                + new String(Character.toChars(0x10FFFF)) + "/\ud800";
        // json.dumps({"x": "\x80\xff\u0100\u07ff\u0800\uffff\U00010000\U0010ffff/\ud800"})
        assertThat(PythonJson.write(Map.of("x", value)))
                .isEqualTo("{\"x\": \"\\u0080\\u00ff\\u0100\\u07ff\\u0800\\uffff\\ud800\\udc00\\udbff\\udfff/\\ud800\"}");
    }

    @Test
    void randomStringsRoundTrip() {
        Random random = new Random(20240607);
        int[] interesting = {0, 1, 0x1F, 0x20, '"', '\\', '/', 0x7E, 0x7F, 0x80, 0xE9, 0x2028, 0xD7FF, 0xE000,
            0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF, 0xD800, 0xDFFF};
        for (int round = 0; round < 500; round++) {
            Map<String, String> state = new LinkedHashMap<>();
            int entries = random.nextInt(6);
            for (int e = 0; e < entries; e++) {
                state.put(randomString(random, interesting), randomString(random, interesting));
            }
            String json = PythonJson.write(state);
            assertThat(json.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)).as(json).isTrue();
            assertThat(PythonJson.parseState(json)).containsExactlyEntriesOf(state);
        }
    }

    private static String randomString(Random random, int[] interesting) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> interesting[random.nextInt(interesting.length)];
                case 1 -> random.nextInt(0x80);
                case 2 -> random.nextInt(0x10000);
                default -> 0x10000 + random.nextInt(0x100000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    @Test
    void nonStringValuesFromPythonBecomeTheirJsonText() {
        String json = "{\"t\": 72.5, \"i\": -3, \"big\": 123456789012345678901234567890, \"e\": 1E5, \"b\": true,"
                + " \"f\": false, \"n\": null, \"l\": [1, \"x\\u00e9\", {\"a\": [], \"b\": {}}],"
                + " \"o\": {\"k\": \"v\", \"k\": \"w\", \"j\": 1}, \"nan\": NaN, \"inf\": Infinity,"
                + " \"ninf\": -Infinity, \"compact\":{\"a\":[1,2]}}";
        Map<String, String> state = PythonJson.parseState(json);
        assertThat(state).containsExactly(
                Map.entry("t", "72.5"),
                Map.entry("i", "-3"),
                Map.entry("big", "123456789012345678901234567890"),
                Map.entry("e", "1E5"),
                Map.entry("b", "true"),
                Map.entry("f", "false"),
                Map.entry("n", "null"),
                // json.dumps of the parsed Python values
                Map.entry("l", "[1, \"x\\u00e9\", {\"a\": [], \"b\": {}}]"),
                Map.entry("o", "{\"k\": \"w\", \"j\": 1}"),
                Map.entry("nan", "NaN"),
                Map.entry("inf", "Infinity"),
                Map.entry("ninf", "-Infinity"),
                Map.entry("compact", "{\"a\": [1, 2]}"));
    }

    @Test
    void duplicateKeysKeepTheFirstPositionAndTheLastValue() {
        Map<String, String> state = PythonJson.parseState("{\"a\": \"1\", \"b\": \"2\", \"a\": \"3\"}");
        assertThat(state).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void parsedMapIsUnmodifiable() {
        Map<String, String> state = PythonJson.parseState("{\"a\": \"1\"}");
        assertThatThrownBy(() -> state.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsWhitespaceAsPythonDoes() {
        assertThat(PythonJson.parseState(" \t\r\n{ \"a\" :\n\"1\" } \n")).containsExactly(Map.entry("a", "1"));
        assertThat(PythonJson.parseState("{}")).isEmpty();
    }

    @Test
    void rejectsMalformedInput() {
        String[] malformed = {
            "", " ", "[]", "\"a\"", "1", "null", "{", "{\"a\"", "{\"a\":", "{\"a\": \"1\"", "{\"a\": \"1\",}",
            "{\"a\" \"1\"}", "{a: \"1\"}", "{'a': '1'}", "{\"a\": \"1\"} x", "{} {}", "{}}", "{\"a\": [1, 2}",
            "{\"a\": \"\u0001\"}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": +Infinity}",
            "{\"a\": -NaN}", "{\"a\": INF}", "{\"a\": nan}", "{\"a\": \"\\x41\"}", "{\"a\": \"\\u12\"}",
            "{\"a\": 1} // comment", "{\"a\": tru}",
        };
        for (String json : malformed) {
            assertThatThrownBy(() -> PythonJson.parseState(json))
                    .as("%s", json)
                    .isInstanceOf(PacketFormatException.class);
        }
    }

    @Test
    void rejectsAbsurdNesting() {
        String deep = "{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThatThrownBy(() -> PythonJson.parseState(deep)).isInstanceOf(PacketFormatException.class);
    }
}
