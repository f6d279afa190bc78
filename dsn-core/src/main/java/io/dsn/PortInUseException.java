package io.dsn;

import org.jspecify.annotations.Nullable;

/** The node could not listen on its port because another process already does. */
public class PortInUseException extends DSNException {

    private final int port;

    public PortInUseException(int port, @Nullable Throwable cause) {
        super("DSN port " + port + " is already in use; stop the process that holds it or choose another port", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
