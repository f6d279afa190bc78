package io.dsn.sample.sensor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Publishes a sensor's readings on its own schedule: every interval, one {@link Reading}, the
 * temperature and the time it was read together.
 */
public final class SensorPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SensorPublisher.class);

    private final String sensorId;
    private final TemperatureSource source;
    private final Duration interval;
    private final Duration initialDelay;
    private final Clock clock;
    private final Consumer<Reading> publish;
    private ScheduledExecutorService scheduler;

    /**
     * @param sensorId names the publishing thread and the log messages
     * @param source where readings come from
     * @param interval time between two readings
     * @param initialDelay time before the first reading
     * @param clock where the timestamps come from
     * @param publish writes one reading to the node's state
     */
    public SensorPublisher(String sensorId, TemperatureSource source, Duration interval, Duration initialDelay,
                           Clock clock, Consumer<Reading> publish) {
        this.sensorId = Objects.requireNonNull(sensorId, "sensorId");
        this.source = Objects.requireNonNull(source, "source");
        this.interval = requirePositive(interval, "interval");
        this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publish = Objects.requireNonNull(publish, "publish");
    }

    private static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("the sensor " + name + " must be a positive duration, was " + value);
        }
        return value;
    }

    /** Starts publishing; does nothing when already started. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sensor-" + sensorId);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::publishReading, initialDelay.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
        log.info("Sensor {} publishes a reading every {}", sensorId, interval);
    }

    /** Stops publishing and waits briefly for a reading in progress. */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Reads the source once: the temperature to hundredths of a degree, the time to the millisecond.
     *
     * @throws IllegalStateException when the source gives no number (NaN or infinite)
     */
    Reading read() {
        double celsius = source.readCelsius();
        if (!Double.isFinite(celsius)) {
            throw new IllegalStateException("the temperature source read " + celsius);
        }
        return new Reading(Math.round(celsius * 100) / 100.0, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private void publishReading() {
        try {
            publish.accept(read());
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: one bad reading must not end the sensor.
            log.warn("Sensor {} could not publish a reading: {}", sensorId, e.toString());
        }
    }
}
