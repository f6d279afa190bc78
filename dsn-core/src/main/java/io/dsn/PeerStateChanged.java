package io.dsn;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A peer published a new state whose data differs from what this node held.
 *
 * @param nodeId the peer's id
 * @param previous the state held before (empty when none was known)
 * @param current the new state
 * @param changedKeys keys that were added, removed or given another value
 * @param updatedAt the peer's own timestamp of the new state
 */
public record PeerStateChanged(
        String nodeId,
        Map<String, String> previous,
        Map<String, String> current,
        Set<String> changedKeys,
        Instant updatedAt) implements DSNEvent {

    public PeerStateChanged {
        Objects.requireNonNull(nodeId, "nodeId");
        previous = Collections.unmodifiableMap(new LinkedHashMap<>(previous));
        current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
        changedKeys = Set.copyOf(changedKeys);
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
