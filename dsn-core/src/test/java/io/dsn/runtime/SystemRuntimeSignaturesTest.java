package io.dsn.runtime;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class SystemRuntimeSignaturesTest {

    @Test
    void everySystemRuntimeSignsWithEcdsa() {
        ExecutorService application = Executors.newSingleThreadExecutor();
        try {
            List<NodeRuntime> systemRuntimes = List.of(NodeRuntime.system(),
                    NodeRuntime.system(NodeThreads.platform()),
                    NodeRuntime.system(NodeThreads.pooled(name -> NamedThreads.daemon("custom-" + name))),
                    NodeRuntime.system(NodeThreads.on(application)));
            assertThat(systemRuntimes).allSatisfy(runtime -> {
                assertThat(runtime).isInstanceOf(SystemRuntime.class);
                assertThat(runtime.signatures()).isEqualTo(NodeSignatures.ECDSA);
            });
        } finally {
            application.shutdownNow();
        }
    }

    @Test
    void nothingCanGiveTheSystemRuntimeTheStandIn() {
        // No subclass can override its answer, and no constructor or field holds a choice.
        assertThat(Modifier.isFinal(SystemRuntime.class.getModifiers())).isTrue();
        assertThat(SystemRuntime.class.getDeclaredConstructors()).allSatisfy(constructor ->
                assertThat(constructor.getParameterTypes()).doesNotContain(NodeSignatures.class));
        assertThat(SystemRuntime.class.getDeclaredFields()).allSatisfy(field ->
                assertThat(field.getType()).isNotEqualTo(NodeSignatures.class));
    }

    @Test
    void onlyAVirtualTimelineMadeWithTheStandInCarriesIt() {
        assertThat(new VirtualTimeRuntime(1).signatures()).isEqualTo(NodeSignatures.ECDSA);
        assertThat(new VirtualTimeRuntime(1, Instant.EPOCH).signatures()).isEqualTo(NodeSignatures.ECDSA);
        assertThat(new VirtualTimeRuntime(1, NodeSignatures.SIMULATION_STAND_IN).signatures())
                .isEqualTo(NodeSignatures.SIMULATION_STAND_IN);
    }
}
