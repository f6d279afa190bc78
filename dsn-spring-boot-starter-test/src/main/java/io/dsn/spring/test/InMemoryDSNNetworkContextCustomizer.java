package io.dsn.spring.test;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Adds the {@link TestNetworkPropertySource} of {@link InMemoryDSNNetwork} to a test's context. It
 * has no state: every context with the annotation gets an equal customizer, so that test classes
 * of the same configuration share a cached context; the key and the directory it makes are the
 * context's, not part of the cache key.
 */
final class InMemoryDSNNetworkContextCustomizer implements ContextCustomizer {

    static final String CREDENTIAL_DIRECTORY_BEAN_NAME = "dsnTestCredentialDirectory";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Path credentials = temporaryCredentialDirectory();
        TestNetworkPropertySource.addTo(context.getEnvironment(), credentials, mergedConfig.getTestClass());
        if (!(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)) {
            throw new IllegalStateException("@InMemoryDSNNetwork needs a bean factory that takes bean definitions, found "
                    + context.getBeanFactory().getClass().getName());
        }
        RootBeanDefinition directory = new RootBeanDefinition(TemporaryDirectory.class,
                () -> new TemporaryDirectory(credentials));
        directory.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(CREDENTIAL_DIRECTORY_BEAN_NAME, directory);
    }

    private static Path temporaryCredentialDirectory() {
        try {
            return Files.createTempDirectory("dsn-test-credentials-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a temporary credential directory for @InMemoryDSNNetwork", e);
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return "InMemoryDSNNetworkContextCustomizer";
    }
}
