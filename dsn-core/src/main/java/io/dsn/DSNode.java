package io.dsn;

import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running DSN node: its own state, which only it may write, and a local copy of the state of
 * every other node of the network.
 *
 * <p>Writes return as soon as the new state is signed and queued for every peer; they never wait
 * for the network. Reads are local and never block on the network.
 */
public interface DSNode {

    /** This node's id. */
    String nodeId();

    /** Where peers reach this node (the configured network address and the port it listens on). */
    Endpoint endpoint();

    /**
     * Sets one key of this node's state and publishes the new state to every peer.
     *
     * @throws MessageTooLargeException when the new state would not fit in a request peers accept;
     *     the state is then unchanged
     */
    void updateData(String key, String value);

    /**
     * Sets several keys at once: one new state, one timestamp, one broadcast, so a reader sees
     * either none or all of them.
     *
     * @throws MessageTooLargeException when the new state would not fit in a request peers accept;
     *     the state is then unchanged
     */
    void updateData(Map<String, String> entries);

    /** Removes a key from this node's state and publishes the new state (nothing happens if it is absent). */
    void removeData(String key);

    /** A key of a node's state (this node's or a peer's); empty for an unknown node or key. */
    Optional<String> readData(@Nullable String nodeId, @Nullable String key);

    /** A node's whole state in insertion order; empty for an unknown node. */
    Map<String, String> state(@Nullable String nodeId);

    /** Every node with a state, this node included. */
    Collection<String> peers();

    /** What this node knows about every node of the network, itself first. */
    List<PeerInfo> peerInfos();

    /** What this node knows about one node, or empty when it is unknown. */
    Optional<PeerInfo> peerInfo(@Nullable String nodeId);

    /**
     * Sends bytes to a peer and waits for its answer.
     *
     * @return the peer's reply, {@code OK} from a DSN node
     * @throws UnknownPeerException when the node is not in the address book
     * @throws MessageTooLargeException when the data would not fit in a request peers accept
     * @throws DSNException when the peer cannot be reached or refuses the message
     */
    String sendToNode(@Nullable String nodeId, byte[] data);

    /**
     * The ids of the network keys this node holds: the primary one it seals its requests with, and
     * every one it accepts. Ids are 8 hex characters derived from each key; keys are never shown.
     *
     * @throws IllegalStateException when the node speaks the compatible protocol, which has one key for good
     */
    NetworkKeys networkKeys();

    /**
     * Accepts messages sealed with another network key from now on (the first step of a key
     * rotation, taken on every node before the next). Adding a key the node holds changes nothing.
     *
     * @param key the key, 64 hex characters
     * @return its key id
     * @throws IllegalArgumentException when the key is not 64 hex characters (the message never repeats it),
     *     or the node holds the most keys it may already
     * @throws IllegalStateException in the compatible protocol
     */
    String addNetworkKey(String key);

    /**
     * Seals this node's requests with the key of this id from now on (the second step of a
     * rotation, once every node accepts that key). Answers are still sealed with their request's key.
     *
     * @throws IllegalArgumentException when the node holds no key of this id
     * @throws IllegalStateException in the compatible protocol
     */
    void usePrimaryNetworkKey(String keyId);

    /**
     * No longer accepts messages sealed with the key of this id (the last step of a rotation, once
     * no node seals with it any more).
     *
     * @throws IllegalArgumentException when the node holds no key of this id, or it is the primary one
     * @throws IllegalStateException in the compatible protocol
     */
    void removeNetworkKey(String keyId);

    /** Registers a listener for events from now on. */
    void addListener(DSNListener listener);

    /** Unregisters a listener; events already queued for it may still arrive. */
    void removeListener(DSNListener listener);
}
