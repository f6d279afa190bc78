package io.dsn;

/**
 * Receives the node's measurements, for a metrics library to record (the Spring Boot starter
 * feeds Micrometer). Called on protocol threads: implementations must be quick and must not
 * throw. Every method does nothing by default.
 */
public interface DSNMetrics {

    /** Records nothing. */
    DSNMetrics NONE = new DSNMetrics() {
    };

    /**
     * The message an exchange is made of, as the protocol names it (PROTOCOL.md section 4): a tag
     * for metrics, nothing of the wire.
     */
    enum Message {
        HELLO,
        PEERS,
        UPDATE,
        PING,
        DATA,
        /** Java-only (PROTOCOL.md section 4.6). */
        LEAVE,
        /** Java-only (PROTOCOL.md section 4.7). */
        SUSPECT
    }

    /** How a message this node sent ended. */
    enum Outcome {
        /** The peer answered 200 or 204 with a well-formed answer. */
        SUCCESS,
        /** The peer answered with an error status. */
        REFUSED,
        /** No usable answer: timeout, connection failure, or an answer that could not be read. */
        FAILED
    }

    /** Which side of an exchange this node is on. */
    enum Direction {
        /** A request this node sends, with every attempt it takes. */
        OUTGOING,
        /** A request this node's server answers. */
        INCOMING
    }

    /**
     * One exchange, from its start to its end: what {@link #exchangeStarted} hands back, told
     * once how the exchange ended, on the thread that ended it.
     */
    @FunctionalInterface
    interface Exchange {

        /** Observes nothing. */
        Exchange NONE = (outcome, status) -> {
        };

        /**
         * The exchange is over.
         *
         * @param outcome how it ended
         * @param status the HTTP status of the (last) answer, or -1 when there was none
         */
        void ended(Outcome outcome, int status);
    }

    /**
     * An exchange begins: a request this node is about to send (it ends after its last attempt,
     * and once its answer is taken), or one its server is about to handle (it ends when the answer
     * is ready). For instrumentations that need the start, such as Micrometer Observation, which
     * gives a timer and a span. Called on protocol threads, beside {@link #messageSent} and
     * {@link #messageReceived}, which are still called when the exchange ends.
     *
     * @param peer the peer's endpoint ({@code host:port}) for an outgoing request, the remote address for an incoming one
     */
    default Exchange exchangeStarted(Message message, Direction direction, String peer) {
        return Exchange.NONE;
    }

    /** A request this node sent has ended, after every attempt it took. */
    default void messageSent(Message message, Outcome outcome, long nanos) {
    }

    /** A request reached this node's server and was answered with an HTTP status. */
    default void messageReceived(Message message, int status, long nanos) {
    }

    /** A state was applied: this node's own ({@code local}) or a newer one from a peer. */
    default void stateApplied(boolean local) {
    }

    /** A peer was dropped from the address book. */
    default void peerDropped() {
    }
}
