package io.dsn.internal.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * The shared network key: 32 bytes, written as 64 hex characters. Bytes 0–15 are the AES IV,
 * bytes 16–31 the AES-128 key (protocol section 2). {@link #toString()} never reveals the key.
 */
public final class NetworkKey {

    /** Length of the key in bytes. */
    public static final int LENGTH = 32;

    private static final int HALF = 16;

    private final byte[] bytes;

    private NetworkKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Parses a key written as exactly 64 hexadecimal characters, either case.
     *
     * @throws IllegalArgumentException if the text is not 64 hexadecimal characters; the message
     *     never repeats the text
     */
    public static NetworkKey parse(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException(
                    "network key must be 64 hexadecimal characters (32 bytes), got null");
        }
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException(
                    "network key must be 64 hexadecimal characters (32 bytes), got "
                            + hex.length() + " characters");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!isHexDigit(hex.charAt(i))) {
                throw new IllegalArgumentException(
                        "network key must be 64 hexadecimal characters (32 bytes), got 64 characters"
                                + " with a non-hexadecimal character at index " + i);
            }
        }
        return new NetworkKey(Hex.decode(hex));
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Generates a fresh random key. */
    public static NetworkKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new NetworkKey(bytes);
    }

    /** The key as 64 lowercase hex characters. */
    public String toHex() {
        return Hex.toHexString(bytes);
    }

    /** A copy of all 32 bytes, from which the secure protocol derives its keys. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** A copy of bytes 0–15, the AES-CBC initialisation vector. */
    public byte[] iv() {
        return Arrays.copyOfRange(bytes, 0, HALF);
    }

    /** A copy of bytes 16–31, the AES-128 key. */
    public byte[] aesKey() {
        return Arrays.copyOfRange(bytes, HALF, LENGTH);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "NetworkKey[redacted]";
    }
}
