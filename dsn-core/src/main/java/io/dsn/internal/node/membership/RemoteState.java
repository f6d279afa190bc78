package io.dsn.internal.node.membership;

import java.util.Map;

/**
 * A state as a node last published it.
 *
 * @param data the key-value pairs, in the order the node wrote them
 * @param lastUpdate the node's own timestamp, seconds since the Unix epoch (0 until a state arrived)
 */
public record RemoteState(Map<String, String> data, double lastUpdate) {

    static final RemoteState PLACEHOLDER = new RemoteState(Map.of(), 0.0);
}
