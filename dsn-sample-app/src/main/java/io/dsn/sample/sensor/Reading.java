package io.dsn.sample.sensor;

import java.time.Instant;

/**
 * One temperature reading, published by a sensor as one typed value: the JSON text
 * {@code {"celsius":21.46,"takenAt":"2026-11-25T10:00:00.123Z"}} under the key {@value #KEY} of its
 * state, so a reader never sees a temperature with the time of another reading.
 *
 * @param celsius the temperature in degrees Celsius
 * @param takenAt when it was read; null in a reading that left it out (a peer's own format)
 */
public record Reading(double celsius, Instant takenAt) {

    /** The state key a reading is published under. */
    public static final String KEY = "reading";
}
