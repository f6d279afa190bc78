package io.dsn.support;

import io.dsn.DSNEvent;
import io.dsn.DSNodeServer;

import java.util.List;

/** A node with the events it heard, in the order it heard them. */
public record Recorded(DSNodeServer server, List<DSNEvent> events) {

    public <T extends DSNEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
