package io.dsn.internal.crypto.sealing;

import io.dsn.internal.crypto.sealing.ReplayWindow.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayWindowTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final double T = NOW.getEpochSecond();

    /** A clock the test sets. */
    private static final class SetClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SetClock clock = new SetClock();

    private ReplayWindow window(int capacity) {
        return new ReplayWindow(clock, Duration.ofSeconds(30), capacity);
    }

    @Test
    void aMessageIdIsTakenOnceWithinTheWindow() {
        ReplayWindow window = window(100);

        assertThat(window.admit(id(1), T)).isEqualTo(Verdict.FRESH);
        assertThat(window.admit(id(2), T)).as("another id at the same time").isEqualTo(Verdict.FRESH);
        assertThat(window.admit(id(1), T)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void messagesSentBeyondTheSkewEitherWayAreRefused() {
        ReplayWindow window = window(100);

        assertThat(window.admit(id(1), T - 30.001)).isEqualTo(Verdict.OUTSIDE_WINDOW);
        assertThat(window.admit(id(2), T + 30.001)).isEqualTo(Verdict.OUTSIDE_WINDOW);
        assertThat(window.admit(id(3), Double.NaN)).isEqualTo(Verdict.OUTSIDE_WINDOW);
        assertThat(window.admit(id(4), T - 30)).isEqualTo(Verdict.FRESH);
        assertThat(window.admit(id(5), T + 30)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void idsAreForgottenOnceTheWindowRefusesThemAnywayEvenWhenTheClockStepsBack() {
        ReplayWindow window = window(100);
        window.admit(id(1), T);
        clock.now = NOW.plusSeconds(31);

        assertThat(window.admit(id(2), T + 31)).isEqualTo(Verdict.FRESH);
        assertThat(window.size()).as("the old id is forgotten").isEqualTo(1);
        clock.now = NOW;
        assertThat(window.admit(id(1), T)).as("still refused after the clock stepped back")
                .isNotEqualTo(Verdict.FRESH);
    }

    @Test
    void pastItsCapacityItForgetsTheOldestAndRefusesEverythingUpToIt() {
        ReplayWindow window = window(3);
        for (int i = 0; i < 4; i++) {
            assertThat(window.admit(id(i), T + i)).isEqualTo(Verdict.FRESH);
        }

        assertThat(window.size()).isEqualTo(3);
        assertThat(window.admit(id(0), T)).as("the forgotten id").isNotEqualTo(Verdict.FRESH);
        assertThat(window.admit(id(9), T - 1)).as("anything older").isNotEqualTo(Verdict.FRESH);
        assertThat(window.admit(id(3), T + 3)).isEqualTo(Verdict.REPLAYED);
        assertThat(window.admit(id(10), T + 5)).isEqualTo(Verdict.FRESH);
        assertThat(window.size()).isEqualTo(3);
    }

    private static byte[] id(int n) {
        byte[] id = new byte[12];
        id[11] = (byte) n;
        id[0] = (byte) (n * 7);
        return id;
    }
}
