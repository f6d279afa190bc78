package io.dsn;

/**
 * A configuration value is missing or invalid. The message names the setting (with the Python
 * key, such as {@code aes_key}) and says what would be valid.
 */
public class DSNConfigurationException extends DSNException {

    private final String setting;

    public DSNConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The configuration key at fault, in the Python spelling ({@code aes_key}, {@code port}, ...). */
    public String setting() {
        return setting;
    }
}
