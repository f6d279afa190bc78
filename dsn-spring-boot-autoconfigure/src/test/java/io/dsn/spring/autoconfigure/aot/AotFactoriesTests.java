package io.dsn.spring.autoconfigure.aot;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class AotFactoriesTests {

    @Test
    void registersTheRuntimeHintsRegistrarsForSpringAot() {
        var registrars = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class);

        assertThat(registrars).hasAtLeastOneElementOfType(DSNTransportRuntimeHints.class);
    }
}
