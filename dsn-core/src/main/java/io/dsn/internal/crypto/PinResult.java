package io.dsn.internal.crypto;

/** What {@link CredentialStore#pin(String, byte[])} did. */
public enum PinResult {
    /** No key was pinned for the id; the given key now is. */
    NEWLY_PINNED,
    /** The same key was already pinned for the id. */
    ALREADY_PINNED,
    /** A different key is pinned for the id; nothing was changed. */
    CONFLICT
}
