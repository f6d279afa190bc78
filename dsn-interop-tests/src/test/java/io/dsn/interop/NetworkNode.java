package io.dsn.interop;

import io.dsn.Endpoint;

import java.util.Collection;
import java.util.Optional;

/** What a test asks of a node of either kind. */
interface NetworkNode {

    String nodeId();

    /** Where the node listens. */
    Endpoint endpoint();

    /** Every node it holds a state of, itself included. */
    Collection<String> peers();

    /** Sets a key of the node's own state and publishes the new state. */
    void write(String key, String value);

    /** A key of a node's state as this node holds it; empty for an unknown node or key. */
    Optional<String> read(String nodeId, String key);
}
