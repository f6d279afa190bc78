package io.dsn.interop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Scenario 1: a node of one kind joins the network through a bootstrap node of the other. */
class JoinInteropTest extends InteropTestBase {

    @Test
    void javaNodeJoinsThroughPythonBootstrapNode() {
        PythonNode bootstrap = network.python("py-bootstrap");
        JavaNode joiner = network.java("java-joiner", bootstrap.endpoint());

        // DSNodeServer.start returns once the first bootstrap attempt is over.
        assertThat(joiner.peers()).containsExactlyInAnyOrder("java-joiner", "py-bootstrap");
        awaitMembers(bootstrap, joiner);
    }

    @Test
    void pythonNodeJoinsThroughJavaBootstrapNode() {
        JavaNode bootstrap = network.java("java-bootstrap");
        PythonNode joiner = network.python("py-joiner", bootstrap.endpoint());

        // The reference's DSNodeServer.start returns once its bootstrap is over.
        assertThat(joiner.peers()).containsExactlyInAnyOrder("py-joiner", "java-bootstrap");
        awaitMembers(bootstrap, joiner);
    }
}
