package io.dsn.internal.node.guard;

import io.dsn.Endpoint;
import io.dsn.ProtocolMode;


import io.dsn.DSNSettingNaming;
import io.dsn.DSNSettings;
import io.dsn.internal.protocol.MessageType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Refusals that mean a misconfiguration, on either side of an exchange: a wrong network key, a
 * key pinned for this id by another node, a body limit lower than ours, another protocol
 * version, the other protocol (compatible or secure), clocks too far apart, a replay. Each is logged once per peer at WARN, with what to do about it; the refusals of an
 * ordinary life (a peer that forgot this node, a bound reached for a moment) are not.
 */
public final class RefusalWarnings {

    private static final Logger log = LoggerFactory.getLogger(RefusalWarnings.class);
    private final String sameKey;
    private final String ownId;
    private final String sameProtocol;
    private final String clocks;
    private final String sameBodyLimit;
    private final String maxPeers;
    private final String newKeysPerMinute;
    private final String networkKeys;

    private final String ownNodeId;
    private final WarnOnce once = new WarnOnce(log);

    /** Warnings that name the settings by their Python keys. */
    public RefusalWarnings(String ownNodeId) {
        this(ownNodeId, DSNSettingNaming.PYTHON_KEYS);
    }

    /** @param naming how the settings that mend a refusal are named for the node's user */
    public RefusalWarnings(String ownNodeId, DSNSettingNaming naming) {
        this.ownNodeId = ownNodeId;
        this.sameKey = "give every node of the network the same network key (" + naming.nameOf(DSNSettings.AES_KEY) + ")";
        this.ownId = "give every instance its own node id (" + naming.nameOf(DSNSettings.NODE_ID) + ")";
        this.sameProtocol = "a network never mixes the two: give every node the same protocol ("
                + naming.nameOf(DSNSettings.PROTOCOL) + ")";
        this.clocks = "synchronise the clocks (NTP), or widen the window on every node ("
                + naming.nameOf(DSNSettings.MAX_CLOCK_SKEW) + ")";
        this.sameBodyLimit = naming.nameOf(DSNSettings.MAX_BODY_SIZE);
        this.networkKeys = naming.nameOf(DSNSettings.NETWORK_KEYS);
        this.maxPeers = naming.nameOf(DSNSettings.MAX_PEERS);
        this.newKeysPerMinute = naming.nameOf(DSNSettings.NEW_KEYS_PER_MINUTE);
    }

    /** A peer refused a request of this node with {@code status}. */
    public void refusedBy(Endpoint target, MessageType type, int status, int bodySize) {
        String subject = target + " " + status;
        switch (status) {
            case ProtocolException.UNREADABLE -> once.warn(subject, "{} refused {} from node {} with 400: it cannot read"
                    + " this node's messages, so it has another network key; {}", target, type, ownNodeId, sameKey);
            // A 401 to anything else is ordinary: a peer that restarted and forgot this node is greeted again.
            case ProtocolException.UNAUTHORIZED -> {
                if (type == MessageType.HELLO) {
                    once.warn(subject, "{} refused the HELLO of node {} with 401: it holds another public key for the"
                            + " id {}, or cannot read the one it pinned (its own log says which: another instance with"
                            + " this id joined first, this node's key pair was replaced, or the pin file there is"
                            + " damaged). Either {}, or, if this node's key was replaced on purpose or the file is"
                            + " damaged, delete {}.pub from that peer's credential directory", target, ownNodeId,
                            ownNodeId, ownId, ownNodeId);
                }
            }
            case 413 -> once.warn(subject + " " + type, "{} refused a {} request of {} bytes as too large (413): its body"
                    + " limit is lower than this node's; give every node of the network the same {}", target, type,
                    bodySize, sameBodyLimit);
            case ProtocolException.OTHER_PROTOCOL -> once.warn(subject, "{} refused {} from node {} with 426: it speaks"
                    + " the other protocol (compatible or secure) than this node; {}", target, type, ownNodeId, sameProtocol);
            case ProtocolException.NOT_FRESH -> once.warn(subject, "{} refused {} from node {} with 425: the message"
                    + " was not fresh there, so the two clocks differ by more than its clock-skew window; {}",
                    target, type, ownNodeId, clocks);
            case ProtocolException.VERSION_MISMATCH -> once.warn(subject, "{} refused {} from node {} with 505: it"
                    + " speaks another version of the protocol than 0.6.7", target, type, ownNodeId);
            case ProtocolException.TOO_MANY -> once.warn(subject, "{} refused {} from node {} with 429: it sheds"
                    + " load. Its table of peers may be full ({}), too many new nodes may have joined it this minute"
                    + " ({}), or this node's address sent it too many unreadable requests (another process here with"
                    + " another network key, or probing it); this node tries again", target, type, ownNodeId,
                    maxPeers, newKeysPerMinute);
            default -> {
            }
        }
    }

    /** A peer answered, but its answer does not decrypt. */
    public void unreadableAnswerFrom(Endpoint target, MessageType type) {
        once.warn(target + " answer", "The answer of {} to {} cannot be decrypted: it has another network key; {}",
                target, type, sameKey);
    }

    /** A request that does not decrypt or parse came from this address (it was answered 400). */
    public void unreadableFrom(String remoteAddress) {
        once.warn("from " + remoteAddress, "Requests from {} cannot be read (answered 400): the node there has"
                + " another network key, or is no DSN node; {}", remoteAddress, sameKey);
    }

    /** A request of the other protocol came from this address (it was answered 426). */
    public void otherProtocolFrom(String remoteAddress, ProtocolMode ownProtocol) {
        ProtocolMode other = ownProtocol == ProtocolMode.SECURE ? ProtocolMode.COMPATIBLE : ProtocolMode.SECURE;
        once.warn("protocol " + remoteAddress, "Requests from {} are in the {} protocol, and this node speaks the {}"
                        + " one (answered 426); {}", remoteAddress, other.configName(), ownProtocol.configName(),
                sameProtocol);
    }

    /** A secure request came sealed with a network key this node does not hold (it was answered 400). */
    public void unknownKeyFrom(String remoteAddress, String keyId) {
        once.warn("key id " + remoteAddress + " " + keyId, "Requests from {} are sealed with network key {}, which"
                + " this node does not hold (answered 400): add that key to this node (DSNode.addNetworkKey or {}),"
                + " or give the sender a key of this node", remoteAddress, keyId,
                networkKeys);
    }

    /** A secure request was replayed (answered 425). */
    public void replayFrom(String remoteAddress, @Nullable String senderId) {
        once.warn("replay " + remoteAddress, "A replayed message (sender {}) came from {} and was refused (425):"
                + " someone who captured it sends it again", senderId, remoteAddress);
    }

    /** A secure request was sent too far from this node's clock (answered 425). */
    public void outsideWindow(String remoteAddress, @Nullable String senderId, String howFar) {
        once.warn("window " + senderId, "A message of node {} from {} was {}, outside the clock-skew window (answered"
                + " 425); {}", senderId, remoteAddress, howFar, clocks);
    }

    /** A node presented another key than the one pinned for its id (it was answered 401). */
    public void keyConflict(String nodeId, Path pin) {
        once.warn("key " + nodeId, "Node {} presented another public key than the one pinned for it in {} (answered"
                + " 401): two instances share this id, or its key pair was replaced. Either {}, or, if its key was"
                + " replaced on purpose, delete {}", nodeId, pin, ownId, pin);
    }

    /** A node speaks another protocol version (it was answered 505). */
    public void versionMismatch(String nodeId, String version) {
        once.warn("version " + nodeId, "Node {} speaks protocol version {}, this node 0.6.7 (answered 505)", nodeId,
                version);
    }
}
