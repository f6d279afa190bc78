package io.dsn.internal.crypto;

/**
 * What {@link NetworkCipher#open} made of a request body.
 *
 * @param plaintext the message when {@code valid}; otherwise whatever the decryption gave, to be
 *                  parsed and thrown away like a valid one, so that a refusal costs the same work
 * @param valid whether the body was a valid ciphertext under the network key
 */
public record Opened(byte[] plaintext, boolean valid) {
}
