package io.dsn.interop;

import io.dsn.DSNEvent;
import io.dsn.DSNodeServer;
import io.dsn.Endpoint;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Java node of an {@link InteropNetwork} with every event it heard, in order. */
record JavaNode(DSNodeServer server, List<DSNEvent> events) implements NetworkNode {

    @Override
    public String nodeId() {
        return server.nodeId();
    }

    @Override
    public Endpoint endpoint() {
        return server.endpoint();
    }

    @Override
    public Collection<String> peers() {
        return server.peers();
    }

    @Override
    public Optional<String> read(String nodeId, String key) {
        return server.readData(nodeId, key);
    }

    @Override
    public void write(String key, String value) {
        server.updateData(key, value);
    }

    /** The node's whole copy of a node's state. */
    Map<String, String> state(String nodeId) {
        return server.node().state(nodeId);
    }

    void stop() {
        server.stop();
    }

    <T extends DSNEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return "Java node " + nodeId() + " at " + endpoint();
    }
}
