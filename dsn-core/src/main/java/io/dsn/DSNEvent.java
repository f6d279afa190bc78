package io.dsn;

/**
 * Something the application may want to hear about the network. Events are immutable records,
 * delivered off the protocol threads; Spring Boot publishes the same records as application
 * events.
 */
public sealed interface DSNEvent permits PeerJoined, PeerStateChanged, PeerLeft, DataReceived {

    /** The id of the peer the event is about (for {@link DataReceived}, the sender). */
    String nodeId();
}
