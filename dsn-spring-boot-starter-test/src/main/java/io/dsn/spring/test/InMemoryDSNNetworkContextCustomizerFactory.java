package io.dsn.spring.test;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

import java.util.List;

/**
 * Gives a test class with {@link InMemoryDSNNetwork} (on itself, a superclass, an enclosing class
 * or a meta-annotation) its {@link InMemoryDSNNetworkContextCustomizer}. Registered in
 * {@code META-INF/spring.factories}.
 */
class InMemoryDSNNetworkContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                               List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, InMemoryDSNNetwork.class)
                ? new InMemoryDSNNetworkContextCustomizer()
                : null;
    }
}
