package io.dsn.interop;

import io.dsn.DataReceived;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 3: DATA messages with every byte value reach the other kind unchanged. */
class DataInteropTest extends InteropTestBase {

    /** Every byte value 0..255 upwards, then downwards. */
    static byte[] everyByte() {
        byte[] data = new byte[512];
        for (int i = 0; i < 256; i++) {
            data[i] = (byte) i;
            data[511 - i] = (byte) i;
        }
        return data;
    }

    @Test
    void javaSendsEveryByteValueToPython() {
        JavaNode java = network.java("java-sender");
        PythonNode python = network.python("py-receiver", java.endpoint());
        awaitMembers(java, python);

        assertThat(java.server().sendToNode("py-receiver", everyByte())).isEqualTo("OK");

        within(CONVERGE).untilAsserted(() -> assertThat(python.received())
                .singleElement()
                .satisfies(received -> assertThat(received.data()).hasValueSatisfying(data ->
                        assertThat(data).containsExactly(everyByte()))));
    }

    @Test
    void pythonSendsEveryByteValueToJava() {
        JavaNode java = network.java("java-receiver");
        PythonNode python = network.python("py-sender", java.endpoint());
        awaitMembers(java, python);

        assertThat(python.send("java-receiver", everyByte())).isEqualTo("OK");

        within(CONVERGE).untilAsserted(() -> assertThat(java.eventsOf(DataReceived.class))
                .containsExactly(new DataReceived("py-sender", everyByte())));
    }
}
