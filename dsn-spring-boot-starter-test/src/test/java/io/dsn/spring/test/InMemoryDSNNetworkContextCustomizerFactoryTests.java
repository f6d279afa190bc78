package io.dsn.spring.test;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which test classes get the customizer, and that equal customizers keep the context cache key equal. */
class InMemoryDSNNetworkContextCustomizerFactoryTests {

    private final InMemoryDSNNetworkContextCustomizerFactory factory = new InMemoryDSNNetworkContextCustomizerFactory();

    @InMemoryDSNNetwork
    static class Annotated {

        @Nested
        class Inner {
        }
    }

    static class Subclass extends Annotated {
    }

    @InMemorySensorTest
    static class MetaAnnotated {
    }

    static class Plain {
    }

    @Test
    void annotatedEnclosingInheritedAndMetaAnnotatedClassesGetAnEqualCustomizer() {
        var customizer = factory.createContextCustomizer(Annotated.class, List.of());

        assertThat(customizer).isNotNull();
        for (Class<?> testClass : List.of(Annotated.Inner.class, Subclass.class, MetaAnnotated.class)) {
            assertThat(factory.createContextCustomizer(testClass, List.of()))
                    .as(testClass.getSimpleName())
                    .isEqualTo(customizer)
                    .hasSameHashCodeAs(customizer);
        }
    }

    @Test
    void aClassWithoutTheAnnotationGetsNone() {
        assertThat(factory.createContextCustomizer(Plain.class, List.of())).isNull();
    }
}
