package io.dsn;

import org.jspecify.annotations.Nullable;

import java.util.Optional;
import java.util.function.Function;

/**
 * A configuration value is missing or invalid. The exception carries the {@link DSNSetting} at
 * fault and a reason worded without its name, so that each side names the setting its own way:
 * {@link #getMessage()} uses the Python key ({@code aes_key is not valid: ...}), the Spring Boot
 * starter its property ({@code dsn.aes-key}), through {@link #messageIn(DSNSettingNaming)}.
 */
public class DSNConfigurationException extends DSNException {

    private final String setting;
    // Not serialized (neither is serializable): a deserialized exception keeps its message and key.
    private final transient @Nullable DSNSetting<?> declaration;
    private final transient @Nullable Function<DSNSettingNaming, String> reason;

    /**
     * A failure of a configuration key that no declaration describes (an unknown key).
     *
     * @param setting the key at fault, as the user wrote it
     * @param message the whole message, naming the key
     */
    public DSNConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
        this.declaration = null;
        this.reason = naming -> message;
    }

    /**
     * @param setting the setting at fault
     * @param reason what is wrong and what would be valid, without the setting's name:
     *     {@code must be at least 1, was 0}
     */
    public DSNConfigurationException(DSNSetting<?> setting, String reason) {
        this(setting, naming -> reason);
    }

    /**
     * @param setting the setting at fault
     * @param reason what is wrong and what would be valid, without the setting's name, naming the
     *     other settings it mentions through the naming it is given
     */
    public DSNConfigurationException(DSNSetting<?> setting, Function<DSNSettingNaming, String> reason) {
        super(named(setting.key(), reason.apply(DSNSettingNaming.PYTHON_KEYS)));
        this.setting = setting.key();
        this.declaration = setting;
        this.reason = reason;
    }

    /** The configuration key at fault, in the Python spelling ({@code aes_key}, {@code port}, ...). */
    public String setting() {
        return setting;
    }

    /** The declaration of the setting at fault; empty for an unknown key. */
    public Optional<DSNSetting<?>> declaration() {
        return Optional.ofNullable(declaration);
    }

    /** What is wrong, without the setting's own name; other settings are named with {@code naming}. */
    public String reason(DSNSettingNaming naming) {
        return reason == null ? String.valueOf(getMessage()) : reason.apply(naming);
    }

    /** The message with every setting named by {@code naming}: the setting at fault first, then the reason. */
    public String messageIn(DSNSettingNaming naming) {
        return declaration == null || reason == null ? String.valueOf(getMessage())
                : named(naming.nameOf(declaration), reason.apply(naming));
    }

    /** {@code port must be ...}; an index follows the name at once: {@code network_keys[0] is not valid}. */
    private static String named(String name, String reason) {
        return reason.startsWith("[") ? name + reason : name + " " + reason;
    }
}
