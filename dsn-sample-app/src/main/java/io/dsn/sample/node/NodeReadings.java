package io.dsn.sample.node;

import io.dsn.DSNode;
import io.dsn.PeerInfo;
import io.dsn.sample.sensor.Reading;
import io.dsn.spring.values.DSNValueException;
import io.dsn.spring.values.DSNValues;
import io.dsn.spring.values.DSNValuesChanged;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the temperature reading in a node's state: the typed {@value Reading#KEY} that this
 * sample's sensors publish, read as a {@link Reading}; or else plain strings, {@value #TEMPERATURE}
 * in degrees Celsius and optionally {@value #TIMESTAMP} (ISO-8601), as a Python peer or any node
 * that writes strings publishes them ({@code node.update_data("temperature", "21.5")}). A reading
 * without a time of its own takes the time of the state it came in.
 */
@Component
public class NodeReadings {

    /** A plain-string temperature in degrees Celsius, such as {@code 21.5}. */
    public static final String TEMPERATURE = "temperature";
    /** When a plain-string temperature was read, ISO-8601, such as {@code 2026-11-25T10:00:00Z}. */
    public static final String TIMESTAMP = "timestamp";

    private static final Set<String> READING_KEYS = Set.of(Reading.KEY, TEMPERATURE, TIMESTAMP);

    private final DSNode node;
    private final DSNValues values;

    public NodeReadings(DSNode node, DSNValues values) {
        this.node = node;
        this.values = values;
    }

    /** Whether any of these keys is one a reading is made of, typed or plain. */
    public static boolean concernReading(Collection<String> keys) {
        return keys.stream().anyMatch(READING_KEYS::contains);
    }

    /** The reading in a node's latest state (this node's or a peer's); empty when it has none or is unknown. */
    public Optional<Reading> latest(String nodeId) {
        return node.peerInfo(nodeId).flatMap(this::of);
    }

    /**
     * The reading in the state {@code info} shows. The typed value is read from the node's latest
     * state, which is that one unless a newer state arrived meanwhile.
     */
    public Optional<Reading> of(PeerInfo info) {
        Optional<Reading> typed = info.state().containsKey(Reading.KEY)
                ? typed(() -> values.read(info.nodeId(), Reading.KEY, Reading.class), info.lastUpdate())
                : Optional.empty();
        return typed.or(() -> plain(info.state(), info.lastUpdate()));
    }

    /** The reading in a peer's new state. */
    public Optional<Reading> of(DSNValuesChanged event) {
        Instant stateTime = event.change().updatedAt();
        return typed(() -> event.value(Reading.KEY, Reading.class), stateTime)
                .or(() -> plain(event.change().current(), stateTime));
    }

    private static Optional<Reading> typed(Supplier<Optional<Reading>> read, Instant stateTime) {
        try {
            return read.get()
                    .filter(reading -> Double.isFinite(reading.celsius()))
                    .map(reading -> reading.takenAt() != null ? reading : new Reading(reading.celsius(), stateTime));
        } catch (DSNValueException e) {
            return Optional.empty(); // not a reading of this sample's kind: the plain keys may have one
        }
    }

    /** The reading of the plain keys {@value #TEMPERATURE} and {@value #TIMESTAMP}, if the temperature is a number. */
    static Optional<Reading> plain(Map<String, String> state, Instant stateTime) {
        String temperature = state.get(TEMPERATURE);
        if (temperature == null) {
            return Optional.empty();
        }
        double celsius;
        try {
            celsius = Double.parseDouble(temperature.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Double.isFinite(celsius) ? Optional.of(new Reading(celsius, time(state.get(TIMESTAMP), stateTime)))
                : Optional.empty();
    }

    private static Instant time(String timestamp, Instant fallback) {
        if (timestamp != null) {
            try {
                return Instant.parse(timestamp.trim());
            } catch (DateTimeParseException e) {
                // not an ISO-8601 instant: when the state was published
            }
        }
        return fallback;
    }
}
