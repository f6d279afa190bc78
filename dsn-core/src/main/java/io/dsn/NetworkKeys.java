package io.dsn;

import java.util.List;

/**
 * The network keys a node of the secure protocol holds, named by their key ids (8 hex characters
 * derived from each key, PROTOCOL.md section 8), never by the keys themselves.
 *
 * @param primary the id of the key this node seals its requests with
 * @param accepted the ids of every key it opens messages with, the primary first
 */
public record NetworkKeys(String primary, List<String> accepted) {

    public NetworkKeys {
        accepted = List.copyOf(accepted);
    }
}
