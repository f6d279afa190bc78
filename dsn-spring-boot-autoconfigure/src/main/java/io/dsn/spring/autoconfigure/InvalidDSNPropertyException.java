package io.dsn.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/** A {@code dsn.*} property is missing or has a value the node cannot run with. */
public class InvalidDSNPropertyException extends RuntimeException {

    private final String property;

    public InvalidDSNPropertyException(String property, String message, @Nullable Throwable cause) {
        super("Invalid DSN property '" + property + "': " + message, cause);
        this.property = property;
    }

    /** The property at fault, such as {@code dsn.aes-key}. */
    public String getProperty() {
        return property;
    }
}
