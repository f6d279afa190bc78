package io.dsn.internal.crypto;

/**
 * The key pinned for a node cannot be read: its file is corrupt or unreadable. The node is refused
 * until the file is repaired or deleted (and this node restarted), as if its key did not match.
 */
public final class UnreadablePinException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    UnreadablePinException(String message) {
        super(message);
    }
}
