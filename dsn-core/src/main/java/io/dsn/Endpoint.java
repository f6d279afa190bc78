package io.dsn;

import java.util.Objects;

/**
 * Where a DSN node listens: an address (IP or host name) and a TCP port.
 *
 * @param address the address peers use to reach the node
 * @param port the node's DSN port, 0 to 65535 (0 only for a node that asks for an ephemeral port)
 */
public record Endpoint(String address, int port) {

    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
