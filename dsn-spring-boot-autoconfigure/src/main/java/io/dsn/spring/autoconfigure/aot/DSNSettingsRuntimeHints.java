package io.dsn.spring.autoconfigure.aot;

import io.dsn.spring.autoconfigure.DSNProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * The types the node's settings are bound to outside a {@code @ConfigurationProperties} class
 * (by {@code DSNSettingValues}), which Spring's AOT processing cannot see: the entries of
 * {@code dsn.bootstrap-nodes}.
 */
public class DSNSettingsRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(DSNProperties.BootstrapNode.class).registerHints(hints, classLoader);
    }
}
