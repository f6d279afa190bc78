package io.dsn.sample.node;

import io.dsn.sample.sensor.Reading;
import io.dsn.spring.values.DSNValuesChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The temperatures of the last few minutes, per node, as this node heard them, so that a page
 * opened now draws its chart at once instead of starting empty. Bounded in time, in points per
 * node and in nodes. A reading taken outside the window around now (a clock far off) is left out.
 */
@Component
public class TemperatureHistory {

    public static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_POINTS_PER_NODE = 600;
    static final int MAX_NODES = 500;

    private final NodeReadings readings;
    private final Clock clock;
    private final Map<String, Deque<Point>> points = new TreeMap<>();

    public TemperatureHistory(NodeReadings readings, Clock clock) {
        this.readings = readings;
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
    public void on(DSNValuesChanged event) {
        if (NodeReadings.concernReading(event.changedKeys())) {
            readings.of(event).ifPresent(reading -> record(event.nodeId(), reading));
        }
    }

    @EventListener
    public void on(LocalStateChanged event) {
        if (NodeReadings.concernReading(event.changedKeys())) {
            readings.latest(event.nodeId()).ifPresent(reading -> record(event.nodeId(), reading));
        }
    }

    /** Records a node's reading, unless it was taken outside the window around now or is not newer than the node's last one. */
    synchronized void record(String nodeId, Reading reading) {
        Instant now = clock.instant();
        Instant takenAt = reading.takenAt();
        if (takenAt.isBefore(now.minus(WINDOW)) || takenAt.isAfter(now.plus(WINDOW))
                || (!points.containsKey(nodeId) && points.size() >= MAX_NODES)) {
            return;
        }
        long t = takenAt.toEpochMilli();
        Deque<Point> series = points.computeIfAbsent(nodeId, id -> new ArrayDeque<>());
        if (!series.isEmpty() && series.peekLast().t() >= t) {
            return;
        }
        series.addLast(new Point(t, reading.celsius()));
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
}
