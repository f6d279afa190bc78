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

    /** How a message this node sent ended. */
    enum Outcome {
        /** The peer answered 200 or 204 with a well-formed answer. */
        SUCCESS,
        /** The peer answered with an error status. */
        REFUSED,
        /** No usable answer: timeout, connection failure, or an answer that could not be read. */
        FAILED
    }

    /** A request this node sent has ended, after every attempt it took. */
    default void messageSent(MessageType type, Outcome outcome, long nanos) {
    }

    /** A request reached this node's server and was answered with an HTTP status. */
    default void messageReceived(MessageType type, int status, long nanos) {
    }

    /** A state was applied: this node's own ({@code local}) or a newer one from a peer. */
    default void stateApplied(boolean local) {
    }

    /** A peer was dropped from the address book. */
    default void peerDropped() {
    }
}
