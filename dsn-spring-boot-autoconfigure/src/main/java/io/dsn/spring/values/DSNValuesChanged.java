package io.dsn.spring.values;

import io.dsn.PeerStateChanged;

import java.lang.reflect.Type;
import java.util.Optional;
import java.util.Set;

/**
 * A peer published a new state: the keys that changed, and their values read as types. Published
 * as an application event by {@link DSNValues} beside the {@link PeerStateChanged} it comes from.
 *
 * <pre>{@code
 * @EventListener
 * void on(DSNValuesChanged event) {
 *     if (event.changed("reading")) {
 *         event.value("reading", Reading.class).ifPresent(reading -> ...);
 *     }
 * }
 * }</pre>
 */
public final class DSNValuesChanged {

    private final PeerStateChanged change;
    private final DSNValues values;

    DSNValuesChanged(PeerStateChanged change, DSNValues values) {
        this.change = change;
        this.values = values;
    }

    /** The peer whose state changed. */
    public String nodeId() {
        return change.nodeId();
    }

    /** Keys that were added, removed or given another value. */
    public Set<String> changedKeys() {
        return change.changedKeys();
    }

    /** Whether {@code key} was added, removed or given another value. */
    public boolean changed(String key) {
        return change.changedKeys().contains(key);
    }

    /**
     * The new value of {@code key}, read as {@code type}; empty when the peer has no such key (now).
     *
     * @throws DSNValueException when the value is not JSON of that type
     */
    public <T> Optional<T> value(String key, Class<T> type) {
        return value(key, (Type) type);
    }

    /** As {@link #value(String, Class)}, for a generic type. */
    public <T> Optional<T> value(String key, Type type) {
        return Optional.ofNullable(change.current().get(key))
                .map(json -> values.convert(change.nodeId(), key, json, type));
    }

    /** The value {@code key} had before, read as {@code type}; empty when it had none. */
    public <T> Optional<T> previousValue(String key, Class<T> type) {
        return Optional.ofNullable(change.previous().get(key))
                .map(json -> values.convert(change.nodeId(), key, json, type));
    }

    /** The raw event. */
    public PeerStateChanged change() {
        return change;
    }

    @Override
    public String toString() {
        return "DSNValuesChanged[" + nodeId() + ", " + changedKeys() + "]";
    }
}
