package io.dsn.interop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 4: three Java and three Python nodes, each joining through a node of the other kind, form one network. */
class MixedNetworkInteropTest extends InteropTestBase {

    @Test
    void threeJavaAndThreePythonNodesConverge() {
        JavaNode java1 = network.java("java-1");
        PythonNode py1 = network.python("py-1", java1.endpoint());
        JavaNode java2 = network.java("java-2", py1.endpoint());
        PythonNode py2 = network.python("py-2", java2.endpoint());
        JavaNode java3 = network.java("java-3", py2.endpoint());
        PythonNode py3 = network.python("py-3", java3.endpoint());
        NetworkNode[] all = {java1, py1, java2, py2, java3, py3};

        awaitMembers(all);

        for (NetworkNode node : all) {
            node.write("name", nameOf(node));
        }

        within(CONVERGE).untilAsserted(() -> {
            for (NetworkNode reader : all) {
                for (NetworkNode writer : all) {
                    assertThat(reader.read(writer.nodeId(), "name")).as("%s's name read by %s", writer.nodeId(), reader)
                            .contains(nameOf(writer));
                }
            }
        });
    }

    private static String nameOf(NetworkNode node) {
        return node.nodeId() + (node instanceof JavaNode ? " ☕" : " 🐍");
    }
}
