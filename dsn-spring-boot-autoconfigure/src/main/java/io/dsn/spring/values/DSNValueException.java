package io.dsn.spring.values;

/** A value of a node's state is not JSON of the type it was read as. */
public class DSNValueException extends RuntimeException {

    public DSNValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
