package io.dsn.internal.crypto;

import io.dsn.NetworkKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The network keys of a node in the secure protocol: every key it opens messages with, and the
 * primary one it seals its requests with. Changing it at runtime is how a network moves to a new
 * key without a partition (docs/SECURITY.md, "Key rotation"): add the new key on every node, make
 * it primary on every node, remove the old one. Reads take an immutable snapshot and never block.
 */
public final class NetworkKeyring {

    /** More keys than a rotation needs would only slow nothing and hide mistakes. */
    public static final int MAX_KEYS = 8;

    private record Ring(SecureKey primary, Map<Integer, SecureKey> byId) {
    }

    private volatile Ring ring;
    /** The ids in the order the keys were added, for listing; guarded by {@code this}. */
    private final List<Integer> order;

    /**
     * @throws IllegalArgumentException when two of the keys have the same key id (the same key
     *     given twice), or there are more than {@link #MAX_KEYS}
     */
    public NetworkKeyring(NetworkKey primary, List<NetworkKey> others) {
        SecureKey first = SecureKey.of(primary);
        Map<Integer, SecureKey> byId = new LinkedHashMap<>();
        byId.put(intId(first.id()), first);
        for (NetworkKey key : others) {
            SecureKey secure = SecureKey.of(key);
            if (byId.putIfAbsent(intId(secure.id()), secure) != null) {
                throw new IllegalArgumentException("network key " + secure.idHex() + " is given twice");
            }
        }
        requireAtMostMax(byId.size());
        this.ring = new Ring(first, Map.copyOf(byId));
        this.order = new ArrayList<>(byId.keySet());
    }

    /** The key requests are sealed with. */
    public SecureKey primary() {
        return ring.primary();
    }

    /** The key with this 4-byte id at {@code offset}, if this node holds it. */
    public Optional<SecureKey> byId(byte[] bytes, int offset) {
        return Optional.ofNullable(ring.byId().get(intId(bytes, offset)));
    }

    /**
     * Accepts messages sealed with another key from now on; it does not become the primary. Adding
     * a key the ring holds already changes nothing.
     *
     * @return the key's id
     * @throws IllegalArgumentException when the ring holds {@link #MAX_KEYS} keys already
     */
    public synchronized String add(NetworkKey key) {
        SecureKey secure = SecureKey.of(key);
        int id = intId(secure.id());
        Ring current = ring;
        if (current.byId().containsKey(id)) {
            return secure.idHex();
        }
        requireAtMostMax(current.byId().size() + 1);
        Map<Integer, SecureKey> byId = new LinkedHashMap<>(current.byId());
        byId.put(id, secure);
        order.add(id);
        ring = new Ring(current.primary(), Map.copyOf(byId));
        return secure.idHex();
    }

    /**
     * Seals requests with the key of this id from now on; answers still use the key of their request.
     *
     * @throws IllegalArgumentException when the ring holds no key of this id
     */
    public synchronized void usePrimary(String keyId) {
        Ring current = ring;
        SecureKey chosen = current.byId().get(parseId(keyId));
        if (chosen == null) {
            throw unknown(keyId);
        }
        ring = new Ring(chosen, current.byId());
    }

    /**
     * No longer opens messages sealed with the key of this id.
     *
     * @throws IllegalArgumentException when the ring holds no such key, or it is the primary
     */
    public synchronized void remove(String keyId) {
        Ring current = ring;
        int id = parseId(keyId);
        if (!current.byId().containsKey(id)) {
            throw unknown(keyId);
        }
        if (intId(current.primary().id()) == id) {
            throw new IllegalArgumentException("network key " + keyId + " is the primary key: make another key primary"
                    + " on this node first (once every node accepts it)");
        }
        Map<Integer, SecureKey> byId = new LinkedHashMap<>(current.byId());
        byId.remove(id);
        order.remove(Integer.valueOf(id));
        ring = new Ring(current.primary(), Map.copyOf(byId));
    }

    /** The key ids, the primary first, then the others in the order they were added. */
    public synchronized NetworkKeys ids() {
        Ring current = ring;
        List<String> accepted = new ArrayList<>();
        accepted.add(current.primary().idHex());
        for (int id : order) {
            SecureKey key = current.byId().get(id);
            if (key != null && key != current.primary()) {
                accepted.add(key.idHex());
            }
        }
        return new NetworkKeys(current.primary().idHex(), accepted);
    }

    private IllegalArgumentException unknown(String keyId) {
        return new IllegalArgumentException("this node holds no network key with id " + keyId + "; it holds "
                + ids().accepted());
    }

    private static void requireAtMostMax(int size) {
        if (size > MAX_KEYS) {
            throw new IllegalArgumentException("a node holds at most " + MAX_KEYS + " network keys: remove one first");
        }
    }

    private static int parseId(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        String text = keyId.trim().toLowerCase(Locale.ROOT);
        if (!text.matches("[0-9a-f]{" + 2 * SecureKey.ID_LENGTH + "}")) {
            throw new IllegalArgumentException("a key id is " + 2 * SecureKey.ID_LENGTH
                    + " hexadecimal characters (as listed by networkKeys()), got " + keyId.length() + " characters");
        }
        return (int) Long.parseLong(text, 16);
    }

    private static int intId(byte[] id) {
        return intId(id, 0);
    }

    private static int intId(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | (bytes[offset + 3] & 0xFF);
    }
}
