package io.dsn.spring.autoconfigure;

import io.dsn.DSNodeConfig;

/**
 * Adjusts the {@link DSNodeConfig} that the auto-configuration builds from the {@code dsn.*}
 * properties (for example to set a clock, or settings computed at startup). Customizers run in
 * their {@link org.springframework.core.annotation.Order order}; the result is checked afterwards.
 */
@FunctionalInterface
public interface DSNodeConfigCustomizer {

    void customize(DSNodeConfig.Builder builder);
}
