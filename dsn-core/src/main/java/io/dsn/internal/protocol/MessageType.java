package io.dsn.internal.protocol;

import io.dsn.DSNMetrics;

import java.util.Optional;

/**
 * The DSN message types: the type byte that starts every body, the HTTP path it is posted to,
 * and the name metrics know it by.
 */
public enum MessageType {
    HELLO(1, "/hello", DSNMetrics.Message.HELLO),
    PEERS(2, "/peers", DSNMetrics.Message.PEERS),
    UPDATE(3, "/update", DSNMetrics.Message.UPDATE),
    PING(4, "/ping", DSNMetrics.Message.PING),
    DATA(5, "/data", DSNMetrics.Message.DATA),
    /** Java-only (PROTOCOL.md section 4.6): a Python node answers 404, which the sender ignores. */
    LEAVE(6, "/leave", DSNMetrics.Message.LEAVE),
    /** Java-only (PROTOCOL.md section 4.7): a Python node answers 404, which the sender ignores. */
    SUSPECT(7, "/suspect", DSNMetrics.Message.SUSPECT);

    /**
     * The limit of requests that never carry a state or application data (HELLO, PEERS, PING,
     * LEAVE, SUSPECT, unknown paths): anyone can send them, so they must not cost a node megabytes each.
     */
    public static final int SMALL_BODY_LIMIT = 64 * 1024;

    private final byte code;
    private final String path;
    private final DSNMetrics.Message metricsTag;

    MessageType(int code, String path, DSNMetrics.Message metricsTag) {
        this.code = (byte) code;
        this.path = path;
        this.metricsTag = metricsTag;
    }

    /** What {@link DSNMetrics} is told this message is. */
    public DSNMetrics.Message metricsTag() {
        return metricsTag;
    }

    /** Whether only Java nodes serve this type; a Python 0.6.7 node answers it 404. */
    public boolean javaOnly() {
        return this == LEAVE || this == SUSPECT;
    }

    /** The type byte on the wire. */
    public byte code() {
        return code;
    }

    /** The HTTP path, for example {@code /hello}. */
    public String path() {
        return path;
    }

    /**
     * Whether a request of this type may be as large as the body limit: UPDATE carries a whole
     * state and DATA the application's bytes; HELLO, PEERS and PING requests are always small.
     */
    public boolean mayCarryLargeBody() {
        return this == UPDATE || this == DATA;
    }

    /**
     * The largest request body a node takes on {@code path}, as the protocol sets it: no limit of
     * the message's own for UPDATE and DATA (the transport's body limit holds them),
     * {@link #SMALL_BODY_LIMIT} on every other path, known or not.
     */
    public static int bodyLimitOf(String path) {
        return fromPath(path).filter(MessageType::mayCarryLargeBody).isPresent() ? Integer.MAX_VALUE : SMALL_BODY_LIMIT;
    }

    /** The type with this type byte; pass an unsigned value ({@code b & 0xFF}). */
    public static Optional<MessageType> fromCode(int code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type posted to this exact path. */
    public static Optional<MessageType> fromPath(String path) {
        for (MessageType type : values()) {
            if (type.path.equals(path)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
