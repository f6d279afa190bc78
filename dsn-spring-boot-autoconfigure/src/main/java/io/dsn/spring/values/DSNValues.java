package io.dsn.spring.values;

import io.dsn.DSNEvent;
import io.dsn.DSNListener;
import io.dsn.DSNode;
import io.dsn.PeerStateChanged;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed values over the node's string state: each value is written as its JSON text (with the
 * application's Jackson {@link JsonMapper}), so a Python peer reads it as a JSON string
 * ({@code json.loads(node.read_data("sensor-1", "reading"))}) and writes one the same way.
 *
 * <pre>{@code
 * record Reading(double celsius, Instant at) {}
 *
 * values.publish("reading", new Reading(21.5, Instant.now()));
 * Optional<Reading> reading = values.read("sensor-1", "reading", Reading.class);
 *
 * @EventListener
 * void on(DSNValuesChanged event) {
 *     event.value("reading", Reading.class).ifPresent(...);
 * }
 * }</pre>
 *
 * As a {@link DSNListener}, it publishes a {@link DSNValuesChanged} application event for each
 * {@link PeerStateChanged}.
 *
 * <p>In a native image Jackson reaches the value types only through reflection, and only the
 * application knows them: hint each one, for example with
 * {@code @RegisterReflectionForBinding(Reading.class)} on a configuration class (nested and generic
 * types such as the element of a {@code List<Reading>} are followed). See {@code docs/aot.md}.
 */
public class DSNValues implements DSNListener {

    private final DSNode node;
    private final JsonMapper mapper;
    private final @Nullable ApplicationEventPublisher publisher;

    public DSNValues(DSNode node, JsonMapper mapper, @Nullable ApplicationEventPublisher publisher) {
        this.node = Objects.requireNonNull(node, "node");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.publisher = publisher;
    }

    /** Writes {@code value} as JSON under {@code key} of this node's state and publishes the new state. */
    public void publish(String key, Object value) {
        node.updateData(key, write(value));
    }

    /** Writes several values at once: one new state, so a reader sees none or all of them. */
    public void publish(Map<String, ?> values) {
        Map<String, String> written = new LinkedHashMap<>();
        values.forEach((key, value) -> written.put(key, write(value)));
        node.updateData(written);
    }

    /** Removes a key from this node's state. */
    public void remove(String key) {
        node.removeData(key);
    }

    /**
     * A value of a node's state (this node's or a peer's), read as {@code type}; empty for an
     * unknown node or key.
     *
     * @throws DSNValueException when the value is not JSON of that type
     */
    public <T> Optional<T> read(@Nullable String nodeId, String key, Class<T> type) {
        return read(nodeId, key, (Type) type);
    }

    /** As {@link #read(String, String, Class)}, for a generic type such as {@code List<Reading>}. */
    public <T> Optional<T> read(@Nullable String nodeId, String key, Type type) {
        return node.readData(nodeId, key).map(json -> convert(nodeId, key, json, type));
    }

    /** The value of {@code key} of every node that has it (this node included), read as {@code type}; unreadable ones left out. */
    public <T> Map<String, T> readAll(String key, Class<T> type) {
        Map<String, T> values = new LinkedHashMap<>();
        JavaType javaType = mapper.constructType(type);
        for (String nodeId : node.peers()) {
            node.readData(nodeId, key).ifPresent(json -> {
                try {
                    values.put(nodeId, convert(nodeId, key, json, javaType));
                } catch (DSNValueException e) {
                    // Someone else's format: left out.
                }
            });
        }
        return values;
    }

    /** The JSON text a value is written as. */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /** A value read as {@code type}. */
    <T> T convert(@Nullable String nodeId, String key, String json, Type type) {
        return convert(nodeId, key, json, mapper.constructType(type));
    }

    private <T> T convert(@Nullable String nodeId, String key, String json, JavaType type) {
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new DSNValueException("The value of '" + key + "' of node " + nodeId + " is not JSON of type "
                    + type.toCanonical() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void onEvent(DSNEvent event) {
        if (publisher != null && event instanceof PeerStateChanged changed) {
            publisher.publishEvent(new DSNValuesChanged(changed, this));
        }
    }
}
