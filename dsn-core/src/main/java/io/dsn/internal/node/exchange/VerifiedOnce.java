package io.dsn.internal.node.exchange;

import io.dsn.internal.crypto.VerifyingKey;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks each signed packet once: a key, message and signature that verified are remembered (as a
 * SHA-256 digest of the three) and pass again without the ECDSA. Nodes send the same signed bytes
 * again and again: one HELLO serves every request and answer of a node, a state is pushed,
 * gossiped and answered unchanged until its node writes, and a PEERS answer is the same until the
 * table changes.
 *
 * <p>Only successes are remembered, so a forged signature is checked (and refused) every time; a
 * remembered triple is the very one that verified, short of a SHA-256 collision, which would break
 * the protocol's signatures themselves (they sign a SHA-256 digest). At most {@code capacity}
 * triples are kept, the least recently used going first: whoever sends many valid signatures
 * evicts entries, which only costs a verification again.
 */
final class VerifiedOnce {

    private final Map<ByteBuffer, Boolean> verified;

    VerifiedOnce(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.verified = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether the signature is the key's over the message, checked with {@code key} unless it held before. */
    boolean verify(byte[] publicKey64, VerifyingKey key, byte[] message, byte[] signature64) {
        if (message == null || signature64 == null) {
            return false;
        }
        ByteBuffer digest = digest(publicKey64, message, signature64);
        synchronized (verified) {
            if (verified.get(digest) != null) {
                return true;
            }
        }
        if (!key.verify(message, signature64)) {
            return false;
        }
        synchronized (verified) {
            verified.put(digest, Boolean.TRUE);
        }
        return true;
    }

    /** Triples remembered now, for tests. */
    int size() {
        synchronized (verified) {
            return verified.size();
        }
    }

    private static ByteBuffer digest(byte[] publicKey, byte[] message, byte[] signature) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        // Each part behind its length, so that no two different triples are hashed as the same bytes.
        for (byte[] part : new byte[][] {publicKey, message, signature}) {
            sha256.update(ByteBuffer.allocate(4).putInt(part.length).array());
            sha256.update(part);
        }
        return ByteBuffer.wrap(sha256.digest());
    }
}
