package io.dsn.sample.node;

import java.util.Objects;
import java.util.Set;

/**
 * This node wrote its own state. The DSN node reports only its peers' changes, so the sample
 * publishes this application event for its own writes, and the page hears about both alike.
 *
 * @param nodeId this node's id
 * @param changedKeys the keys that were set or removed
 */
public record LocalStateChanged(String nodeId, Set<String> changedKeys) {

    public LocalStateChanged {
        Objects.requireNonNull(nodeId, "nodeId");
        changedKeys = Set.copyOf(changedKeys);
    }
}
