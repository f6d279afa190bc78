package io.dsn;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What this node knows of one node of the network (itself included).
 *
 * @param nodeId the node's id
 * @param endpoint where it is reached
 * @param state its latest state
 * @param lastUpdate the node's own timestamp of that state ({@link Instant#EPOCH} until one arrived)
 * @param lastHeardFrom when this node last had a message or answer from it (empty for itself)
 */
public record PeerInfo(
        String nodeId,
        Endpoint endpoint,
        Map<String, String> state,
        Instant lastUpdate,
        Optional<Instant> lastHeardFrom) {

    public PeerInfo {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(endpoint, "endpoint");
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
        Objects.requireNonNull(lastUpdate, "lastUpdate");
        Objects.requireNonNull(lastHeardFrom, "lastHeardFrom");
    }
}
