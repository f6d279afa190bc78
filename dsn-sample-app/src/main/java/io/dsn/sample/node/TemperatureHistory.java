package io.dsn.sample.node;

import io.dsn.DSNode;
import io.dsn.PeerStateChanged;
import io.dsn.sample.sensor.SensorPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The temperatures of the last few minutes, per node, as this node heard them, so that a page
 * opened now draws its chart at once instead of starting empty. Bounded in time, in points per
 * node and in nodes.
 */
@Component
public class TemperatureHistory {

    public static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_POINTS_PER_NODE = 600;
    static final int MAX_NODES = 500;

    private final DSNode node;
    private final Clock clock;
    private final Map<String, Deque<Point>> points = new TreeMap<>();

    public TemperatureHistory(DSNode node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    /**
     * One reading.
     *
     * @param t when it was read, in epoch milliseconds
     * @param v the temperature in degrees Celsius
     */
    public record Point(long t, double v) {
    }

    @EventListener
    public void on(PeerStateChanged event) {
        record(event.nodeId(), event.current(), event.updatedAt());
    }

    @EventListener
    public void on(LocalStateChanged event) {
        record(event.nodeId(), node.state(event.nodeId()), clock.instant());
    }

    /** Records a state's reading, if it has a numeric temperature. */
    synchronized void record(String nodeId, Map<String, String> state, Instant fallbackTime) {
        Double value = temperature(state.get(SensorPublisher.TEMPERATURE));
        if (value == null || (!points.containsKey(nodeId) && points.size() >= MAX_NODES)) {
            return;
        }
        long t = time(state.get(SensorPublisher.TIMESTAMP), fallbackTime).toEpochMilli();
        Deque<Point> series = points.computeIfAbsent(nodeId, id -> new ArrayDeque<>());
        if (!series.isEmpty() && series.peekLast().t() >= t) {
            return;
        }
        series.addLast(new Point(t, value));
        while (series.size() > MAX_POINTS_PER_NODE) {
            series.removeFirst();
        }
        prune();
    }

    /** Every node's readings of the last {@link #WINDOW}, oldest first. */
    public synchronized Map<String, List<Point>> recent() {
        prune();
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        points.forEach((id, series) -> copy.put(id, List.copyOf(series)));
        return copy;
    }

    private void prune() {
        long oldest = clock.instant().minus(WINDOW).toEpochMilli();
        points.values().forEach(series -> {
            while (!series.isEmpty() && series.peekFirst().t() < oldest) {
                series.removeFirst();
            }
        });
        points.values().removeIf(Deque::isEmpty);
    }

    private static Double temperature(String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant time(String text, Instant fallback) {
        if (text != null) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                // not a sensor's timestamp: use when the state was published
            }
        }
        return fallback;
    }
}
