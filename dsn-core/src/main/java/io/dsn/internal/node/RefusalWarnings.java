package io.dsn.internal.node;

import io.dsn.Endpoint;
import io.dsn.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Refusals that mean a misconfiguration, on either side of an exchange: a wrong network key, a
 * key pinned for this id by another node, a body limit lower than ours, another protocol
 * version. Each is logged once per peer at WARN, with what to do about it; the refusals of an
 * ordinary life (a peer that forgot this node, a bound reached for a moment) are not.
 */
final class RefusalWarnings {

    private static final Logger log = LoggerFactory.getLogger(RefusalWarnings.class);
    private static final String SAME_KEY = "give every node of the network the same network key (dsn.aes-key, aes_key)";
    private static final String OWN_ID = "give every instance its own node id (dsn.node-id, node_id)";

    private final String ownNodeId;
    private final WarnOnce once = new WarnOnce(log);

    RefusalWarnings(String ownNodeId) {
        this.ownNodeId = ownNodeId;
    }

    /** A peer refused a request of this node with {@code status}. */
    void refusedBy(Endpoint target, MessageType type, int status, int bodySize) {
        String subject = target + " " + status;
        switch (status) {
            case ProtocolException.UNREADABLE -> once.warn(subject, "{} refused {} from node {} with 400: it cannot read"
                    + " this node's messages, so it has another network key; " + SAME_KEY, target, type, ownNodeId);
            // A 401 to anything else is ordinary: a peer that restarted and forgot this node is greeted again.
            case ProtocolException.UNAUTHORIZED -> {
                if (type == MessageType.HELLO) {
                    once.warn(subject, "{} refused the HELLO of node {} with 401: it holds another public key for the"
                            + " id {} (another instance with this id joined first, or this node's key pair was replaced)."
                            + " Either {}, or, if this node's key was replaced on purpose, delete {}.pub from that"
                            + " peer's credential directory", target, ownNodeId, ownNodeId, OWN_ID, ownNodeId);
                }
            }
            case 413 -> once.warn(subject + " " + type, "{} refused a {} request of {} bytes as too large (413): its body"
                    + " limit is lower than this node's; give every node of the network the same max_body_size"
                    + " (dsn.max-body-size)", target, type, bodySize);
            case ProtocolException.VERSION_MISMATCH -> once.warn(subject, "{} refused {} from node {} with 505: it"
                    + " speaks another version of the protocol than 0.6.7", target, type, ownNodeId);
            default -> {
            }
        }
    }

    /** A peer answered, but its answer does not decrypt. */
    void unreadableAnswerFrom(Endpoint target, MessageType type) {
        once.warn(target + " answer", "The answer of {} to {} cannot be decrypted: it has another network key; {}",
                target, type, SAME_KEY);
    }

    /** A request that does not decrypt or parse came from this address (it was answered 400). */
    void unreadableFrom(String remoteAddress) {
        once.warn("from " + remoteAddress, "Requests from {} cannot be read (answered 400): the node there has"
                + " another network key, or is no DSN node; {}", remoteAddress, SAME_KEY);
    }

    /** A node presented another key than the one pinned for its id (it was answered 401). */
    void keyConflict(String nodeId, Path pin) {
        once.warn("key " + nodeId, "Node {} presented another public key than the one pinned for it in {} (answered"
                + " 401): two instances share this id, or its key pair was replaced. Either {}, or, if its key was"
                + " replaced on purpose, delete {}", nodeId, pin, OWN_ID, pin);
    }

    /** A node speaks another protocol version (it was answered 505). */
    void versionMismatch(String nodeId, String version) {
        once.warn("version " + nodeId, "Node {} speaks protocol version {}, this node 0.6.7 (answered 505)", nodeId,
                version);
    }
}
