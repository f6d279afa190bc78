package io.dsn;

/**
 * A write or a message whose request would be larger than the body limit
 * ({@link DSNSettings#MAX_BODY_SIZE}): peers would refuse it with 413, so it is refused here, at
 * once, and nothing is sent or changed.
 */
public class MessageTooLargeException extends DSNException {

    private final long size;
    private final long limit;

    /** A failure that names the limit by its Python key, {@code max_body_size}. */
    public MessageTooLargeException(String what, long size, long limit) {
        this(what, size, limit, DSNSettings.MAX_BODY_SIZE.key());
    }

    /** @param limitName the body limit's setting as the node's user names it ({@link DSNodeConfig#settingNaming()}) */
    public MessageTooLargeException(String what, long size, long limit, String limitName) {
        super(what + " would be a request of " + size + " bytes, over the body limit of " + limit
                + " bytes that peers accept (" + limitName + "): write less, or raise"
                + " the limit on every node of the network");
        this.size = size;
        this.limit = limit;
    }

    /** The size the request would have had, in bytes. */
    public long size() {
        return size;
    }

    /** The configured body limit, in bytes. */
    public long limit() {
        return limit;
    }
}
