package io.dsn;

/**
 * A write or a message whose request would be larger than the body limit ({@code max_body_size},
 * {@code dsn.max-body-size}): peers would refuse it with 413, so it is refused here, at once, and
 * nothing is sent or changed.
 */
public class MessageTooLargeException extends DSNException {

    private final long size;
    private final long limit;

    public MessageTooLargeException(String what, long size, long limit) {
        super(what + " would be a request of " + size + " bytes, over the body limit of " + limit
                + " bytes that peers accept (max_body_size, dsn.max-body-size): write less, or raise"
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
