package io.dsn.internal.crypto;

/**
 * Encrypts and decrypts whole HTTP bodies with the network key (protocol section 2).
 * Implementations are thread-safe.
 */
public interface NetworkCipher {

    /** Encrypts a message; never fails. */
    byte[] encrypt(byte[] plaintext);

    /**
     * Decrypts a message.
     *
     * @throws DecryptionException if the input is not a valid ciphertext under this key
     */
    byte[] decrypt(byte[] ciphertext) throws DecryptionException;

    /**
     * Decrypts a request body with the same work whether its padding is valid or not, and says
     * which it was. A server that answers every invalid body alike after the same work gives no
     * padding oracle (PROTOCOL.md section 1, "Ruling (Java nodes): one status before the signature check").
     */
    Opened open(byte[] ciphertext);

    /** The length of {@link #encrypt}'s output for a plaintext of this length. */
    int encryptedLength(int plaintextLength);

    /** AES-128-CBC with the key's fixed IV and PKCS#7 padding, as the Python node does it. */
    static NetworkCipher aes(NetworkKey key) {
        return new AesNetworkCipher(key);
    }

    /** No encryption at all, for Python networks started without a key. Returns copies of its input. */
    static NetworkCipher plaintext() {
        return PlaintextCipher.INSTANCE;
    }
}
