package io.dsn;

/**
 * How the settings of a node are named for whoever configured it: the Python keys
 * ({@code max_body_size}) for a plain-Java or Python-style configuration, the Spring Boot
 * properties ({@code dsn.max-body-size}) for the starter. The node's errors and logs name a
 * setting through the naming of its {@link DSNodeConfig}, so each user reads their own names.
 */
@FunctionalInterface
public interface DSNSettingNaming {

    /** The Python keys of {@link DSNodeConfig#fromMap}: {@code aes_key}, {@code limits.max_connections}. */
    DSNSettingNaming PYTHON_KEYS = DSNSetting::key;

    /** The Spring Boot properties of the starter: {@code dsn.aes-key}, {@code dsn.limits.max-connections}. */
    DSNSettingNaming SPRING_PROPERTIES = DSNSetting::springProperty;

    /** The name of {@code setting} as this user writes it. */
    String nameOf(DSNSetting<?> setting);
}
