package io.dsn;

import io.dsn.runtime.NodeRuntime;
import io.dsn.runtime.NodeSignatures;
import io.dsn.support.DelegatingRuntime;
import io.dsn.transport.InMemoryNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A runtime of real time that claims the simulator's stand-in signatures is refused. */
class StandInSignaturesGuardTest {

    @TempDir
    Path credentials;

    @Test
    void aRuntimeOfRealTimeCannotGiveANodeTheStandIn() {
        DSNodeConfig config = DSNodeConfig.builder().nodeId("real").credentialDir(credentials).build();
        try (InMemoryNetwork network = new InMemoryNetwork()) {
            assertThatThrownBy(() -> DSNodeServer.builder(config).runtime(new RealTimeClaimingTheStandIn())
                    .transport(network.transport("real")).create())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SIMULATION_STAND_IN")
                    .hasMessageContaining("only for nodes in virtual time");

            // Nothing was left behind (the credential directory is free again): the node builds with ECDSA.
            try (DSNodeServer server = DSNodeServer.builder(config).transport(network.transport("real")).create()) {
                assertThat(server.config().nodeId()).isEqualTo("real");
            }
        }
    }

    /** The system runtime in all but its answer to {@link #signatures()}. */
    private static final class RealTimeClaimingTheStandIn extends DelegatingRuntime {

        RealTimeClaimingTheStandIn() {
            super(NodeRuntime.system());
        }

        @Override
        public NodeSignatures signatures() {
            return NodeSignatures.SIMULATION_STAND_IN;
        }
    }
}
