package io.dsn.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The sample's roles and timings ({@code sample.*}). The DSN node itself is configured with
 * {@code dsn.*}.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    private final Sensor sensor = new Sensor();

    private final Demo demo = new Demo();

    private final Monitor monitor = new Monitor();

    public Sensor getSensor() {
        return sensor;
    }

    public Demo getDemo() {
        return demo;
    }

    public Monitor getMonitor() {
        return monitor;
    }

    /** This node's role as a sensor. */
    public static class Sensor {

        /**
         * Whether this node publishes temperature readings (one typed value, 'reading' in its
         * state, with the temperature and the time it was read).
         */
        private boolean enabled = true;

        /**
         * How often this node publishes a reading.
         */
        private Duration interval = Duration.ofSeconds(2);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** The simulated sensor nodes started in this process. */
    public static class Demo {

        /**
         * Whether to start simulated sensor nodes (demo-sensor-1, demo-sensor-2, ...) in this
         * process, joined through this node, so that the page shows a live network at once. Turn
         * off for a real deployment.
         */
        private boolean enabled = true;

        /**
         * How many simulated sensor nodes to start.
         */
        private int sensors = 3;

        /**
         * How often each simulated sensor publishes a reading.
         */
        private Duration interval = Duration.ofSeconds(2);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getSensors() {
            return sensors;
        }

        public void setSensors(int sensors) {
            this.sensors = sensors;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }
    }

    /** The monitor: the page and the REST API. */
    public static class Monitor {

        /**
         * How long a peer may go unheard before it is shown as stale instead of live. Defaults to
         * three DSN ticks (dsn.tick-interval).
         */
        private Duration staleAfter;

        /**
         * How often the event stream sends every peer's liveness (and so shows that the stream is
         * alive).
         */
        private Duration heartbeat = Duration.ofSeconds(2);

        public Duration getStaleAfter() {
            return staleAfter;
        }

        public void setStaleAfter(Duration staleAfter) {
            this.staleAfter = staleAfter;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }
    }
}
