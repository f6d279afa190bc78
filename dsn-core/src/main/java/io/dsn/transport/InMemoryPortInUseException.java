package io.dsn.transport;

import io.dsn.PortInUseException;

/**
 * The node could not listen on its port of an {@link InMemoryNetwork}: another node of this JVM on
 * that network listens there (or, for port 0, the network has no free port left). No process
 * holds it: a node on an in-memory network takes a free port of the network with port 0.
 */
public class InMemoryPortInUseException extends PortInUseException {

    private final String networkName;

    public InMemoryPortInUseException(int port, String networkName) {
        super(port, port == 0
                ? "In-memory network '" + networkName + "' has no free port left"
                : "DSN port " + port + " of in-memory network '" + networkName + "' is already in use by another node"
                        + " of this JVM on that network; give the node port 0 to take a free port of the network", null);
        this.networkName = networkName;
    }

    /** The {@link InMemoryNetwork#name() name} of the network whose port is taken. */
    public String networkName() {
        return networkName;
    }
}
