package io.dsn;

import org.jspecify.annotations.Nullable;

/**
 * The node could not listen on its port because another process already does; on an
 * {@link io.dsn.transport.InMemoryNetwork} this is an {@link io.dsn.transport.InMemoryPortInUseException}.
 */
public class PortInUseException extends DSNException {

    private final int port;

    public PortInUseException(int port, @Nullable Throwable cause) {
        this(port, "DSN port " + port + " is already in use; stop the process that holds it or choose another port",
                cause);
    }

    protected PortInUseException(int port, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
