package io.dsn.spring.autoconfigure;

import io.dsn.DSNSetting;
import io.dsn.DSNSettings;
import io.dsn.Endpoint;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core settings as the application's {@code dsn.*} properties give them: each of
 * {@link DSNSettings#ALL} bound from its {@link DSNSetting#springProperty() property}, in the
 * Spring form of its kind (durations with units, a number without one is seconds; sizes as
 * {@link DataSize}; bootstrap nodes as {@code host:port} or {@code address}/{@code port} entries).
 */
public final class DSNSettingValues {

    private final Map<DSNSetting<?>, Object> values;

    private DSNSettingValues(Map<DSNSetting<?>, Object> values) {
        this.values = values;
    }

    /** The settings given by {@code environment}'s {@code dsn.*} properties. */
    static DSNSettingValues bind(Environment environment) {
        ApplicationConversionService conversions = new ApplicationConversionService();
        conversions.addConverter(new BootstrapNodeConverter());
        Binder binder = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), conversions);
        Map<DSNSetting<?>, Object> values = new IdentityHashMap<>();
        for (DSNSetting<?> setting : DSNSettings.ALL) {
            bound(binder, setting).ifPresent(value -> values.put(setting, value));
        }
        return new DSNSettingValues(values);
    }

    /** The value the properties give, if they give one. */
    public <T> Optional<T> given(DSNSetting<T> setting) {
        return Optional.ofNullable(values.get(setting)).map(setting.type()::cast);
    }

    /** The value the properties give, else the setting's default. */
    public <T> @Nullable T valueOrDefault(DSNSetting<T> setting) {
        return given(setting).orElse(setting.defaultValue());
    }

    /** Every setting the properties give. */
    Map<DSNSetting<?>, Object> given() {
        return values;
    }

    private static Optional<Object> bound(Binder binder, DSNSetting<?> setting) {
        String property = setting.springProperty();
        BindResult<?> result = switch (setting.kind()) {
            case TEXT -> binder.bind(property, String.class).map(text -> text(setting, text));
            case WHOLE_NUMBER -> binder.bind(property, Integer.class);
            case FLAG -> binder.bind(property, Boolean.class);
            case PATH -> binder.bind(property, Path.class);
            case CHOICE -> binder.bind(property, setting.type());
            case TEXTS -> binder.bind(property, Bindable.listOf(String.class))
                    .map(keys -> keys.stream().map(String::trim).toList());
            case BYTES -> binder.bind(property, DataSize.class).map(size -> bytes(setting, size));
            case SECONDS -> binder.bind(property, String.class).map(text -> seconds(setting, text));
            case ENDPOINTS -> binder.bind(property, Bindable.listOf(DSNProperties.BootstrapNode.class))
                    .map(nodes -> endpoints(setting, nodes));
        };
        return result.isBound() ? Optional.<Object>of(result.get())
                .filter(value -> !"".equals(value) || setting.defaultValue() != null) : Optional.empty();
    }

    /**
     * A setting without a default is trimmed and means none when blank ({@code dsn.aes-key=}); one
     * with a default is taken as written, so that the core says a blank one must not be empty.
     */
    private static String text(DSNSetting<?> setting, String text) {
        return setting.defaultValue() == null ? text.trim() : text;
    }

    private static Object bytes(DSNSetting<?> setting, DataSize size) {
        long bytes = size.toBytes();
        if (setting.type() == Long.class) {
            return bytes;
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidDSNPropertyException(setting.springProperty(),
                    "must be at most " + Integer.MAX_VALUE + " bytes, was " + size, null);
        }
        return (int) bytes;
    }

    private static Duration seconds(DSNSetting<?> setting, String text) {
        try {
            return DurationStyle.detectAndParse(text.trim(), ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new InvalidDSNPropertyException(setting.springProperty(), "'" + text
                    + "' is not a duration: write it with a unit (500ms, 3s, 1m) or as a number of seconds", e);
        }
    }

    private static List<Endpoint> endpoints(DSNSetting<?> setting, List<DSNProperties.BootstrapNode> nodes) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (DSNProperties.BootstrapNode node : nodes) {
            if (!StringUtils.hasText(node.getAddress())) {
                throw new InvalidDSNPropertyException(setting.springProperty(),
                        "every entry needs an address (and a port from 1 to 65535), found " + node, null);
            }
            try {
                endpoints.add(new Endpoint(node.getAddress().trim(), node.getPort()));
            } catch (IllegalArgumentException e) {
                throw new InvalidDSNPropertyException(setting.springProperty(), e.getMessage(), e);
            }
        }
        return endpoints;
    }
}
