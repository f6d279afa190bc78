package io.dsn.internal.crypto;

/** A ciphertext that cannot be decrypted with the network key: wrong length, empty, or bad padding. */
public class DecryptionException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }

    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
