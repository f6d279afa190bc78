package io.dsn.sample.node;

import io.dsn.DSNode;
import io.dsn.spring.values.DSNValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * Writes this node's own state: through the DSN node, which signs it and sends it to every peer,
 * and announces each write as a {@link LocalStateChanged} application event.
 */
@Component
public class LocalState {

    private final DSNode node;
    private final DSNValues values;
    private final ApplicationEventPublisher events;

    public LocalState(DSNode node, DSNValues values, ApplicationEventPublisher events) {
        this.node = node;
        this.values = values;
        this.events = events;
    }

    /** Sets the given keys to these strings together, as one new state. */
    public Map<String, String> update(Map<String, String> entries) {
        node.updateData(entries);
        events.publishEvent(new LocalStateChanged(node.nodeId(), entries.keySet()));
        return current();
    }

    /** Sets a key to a typed value, written as its JSON text (see {@link DSNValues}). */
    public void publish(String key, Object value) {
        values.publish(key, value);
        events.publishEvent(new LocalStateChanged(node.nodeId(), Set.of(key)));
    }

    /** Removes a key; nothing is written or announced when the key is absent. */
    public Map<String, String> remove(String key) {
        if (current().containsKey(key)) {
            node.removeData(key);
            events.publishEvent(new LocalStateChanged(node.nodeId(), Set.of(key)));
        }
        return current();
    }

    /** This node's state now. */
    public Map<String, String> current() {
        return node.state(node.nodeId());
    }
}
