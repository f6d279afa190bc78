package io.dsn;

/** Base class of the errors a DSN node reports to the application. */
public class DSNException extends RuntimeException {

    public DSNException(String message) {
        super(message);
    }

    public DSNException(String message, Throwable cause) {
        super(message, cause);
    }
}
