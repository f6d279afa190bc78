package io.dsn.internal.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Timestamps as the wire carries them: seconds since the Unix epoch as a double (Python's
 * {@code time.time()}), converted in this one place.
 */
public final class WireTime {

    private WireTime() {
    }

    /** Seconds since the epoch, with the instant's fraction. */
    public static double toSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** A length of time in seconds, with its fraction: how far apart two wire timestamps are. */
    public static double toSeconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /**
     * The clock's time now, to its millisecond: read without an {@link Instant}, for the time that
     * every secure message carries and is checked against.
     */
    public static double now(Clock clock) {
        return clock.millis() / 1000.0;
    }

    /**
     * The instant of a wire timestamp. Any double is valid on the wire and {@link Instant}'s
     * range is smaller: values past either end are clamped to it, and NaN or an infinity reads
     * as the epoch.
     */
    public static Instant toInstant(double epochSeconds) {
        if (!Double.isFinite(epochSeconds)) {
            return Instant.EPOCH;
        }
        if (epochSeconds >= Instant.MAX.getEpochSecond()) {
            return Instant.MAX;
        }
        if (epochSeconds < Instant.MIN.getEpochSecond()) {
            return Instant.MIN;
        }
        long seconds = (long) Math.floor(epochSeconds);
        long nanos = Math.round((epochSeconds - seconds) * 1e9);
        return Instant.ofEpochSecond(seconds, Math.min(nanos, 999_999_999));
    }
}
