package io.dsn.internal.crypto;

/**
 * A peer's public key, decoded once by its {@link SignatureScheme} and kept with its pin, so
 * that checking a signature does not decode the key again.
 */
public interface VerifyingKey {

    /** Whether the signature is this key's over the message; never throws, malformed input is {@code false}. */
    boolean verify(byte[] message, byte[] signature64);
}
