package io.dsn.interop;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2: a node's state reaches the other kind intact, with characters of every sort and a
 * 200 KB value (states of several megabytes: BodyLimitAndRestartInteropTest).
 */
class StateInteropTest extends InteropTestBase {

    /** Everything JSON escapes, and what UTF-8 and UTF-16 make hard: controls, astral characters, combining marks. */
    static final String UNICODE = "quote \" backslash \\ slash / tab \t newline \n return \r nul \u0000 bell \u0007 "
            + "esc \u001b del \u007f | é ü ß Ω ÿ | 温度计 | emoji 🌡️🚀 flag 🇫🇷 family 👩‍👩‍👧 | clef 𝄞 | e\u0301 | "
            + "שלום مرحبا | nbsp\u00a0 line sep \u2028 para sep \u2029 bom \ufeff replacement \ufffd";

    static final String UNICODE_KEY = "température 🌡 \"clé\"\n";

    /** About 200 KB of text, numbered so that any lost, doubled or swapped part shows; a few non-ASCII characters. */
    static String largeValue(String seed) {
        StringBuilder value = new StringBuilder(205_000);
        for (int i = 0; value.length() < 200_000; i++) {
            value.append(seed).append(String.format("%06d", i)).append(": the quick brown fox jumps över the lazy dog ✓\n");
        }
        return value.toString();
    }

    @Test
    void javaStateReachesPython() {
        JavaNode java = network.java("java-writer");
        PythonNode python = network.python("py-reader", java.endpoint());
        awaitMembers(java, python);

        Map<String, String> state = new LinkedHashMap<>();
        state.put("plain", "21.5");
        state.put("unicode", UNICODE);
        state.put(UNICODE_KEY, "value of a unicode key");
        state.put("large", largeValue("java"));
        java.server().updateData(state);

        within(CONVERGE).untilAsserted(() ->
                assertThat(python.states().get("java-writer")).as("java-writer's state in py-reader").isEqualTo(state));

        // A later small write replaces one key and keeps the others.
        java.server().updateData("plain", "22.0 ✓");
        state.put("plain", "22.0 ✓");
        within(CONVERGE).untilAsserted(() ->
                assertThat(python.states().get("java-writer")).as("java-writer's state in py-reader").isEqualTo(state));
    }

    @Test
    void pythonStateReachesJava() {
        JavaNode java = network.java("java-reader");
        PythonNode python = network.python("py-writer", java.endpoint());
        awaitMembers(java, python);

        Map<String, String> state = new LinkedHashMap<>();
        state.put("plain", "21.5");
        state.put("unicode", UNICODE);
        state.put(UNICODE_KEY, "value of a unicode key");
        state.put("large", largeValue("python"));
        python.updateMany(state, PythonNode.COMMAND_TIMEOUT);

        within(CONVERGE).untilAsserted(() ->
                assertThat(java.state("py-writer")).as("py-writer's state in java-reader").isEqualTo(state));

        python.write("plain", "22.0 ✓");
        state.put("plain", "22.0 ✓");
        within(CONVERGE).untilAsserted(() ->
                assertThat(java.state("py-writer")).as("py-writer's state in java-reader").isEqualTo(state));
    }
}
