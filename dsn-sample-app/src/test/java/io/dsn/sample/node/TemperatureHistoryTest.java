package io.dsn.sample.node;

import io.dsn.DSNode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class TemperatureHistoryTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {

        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final TemperatureHistory history = new TemperatureHistory(mock(DSNode.class), clock);

    private static Map<String, String> reading(String temperature, Instant at) {
        return Map.of("temperature", temperature, "timestamp", at.toString());
    }

    @Test
    void keepsEachNodesReadingsInOrderAtTheirOwnTimestamps() {
        history.record("a", reading("21.50", START.minusSeconds(4)), START);
        history.record("a", reading("21.60", START.minusSeconds(2)), START);
        history.record("a", reading("21.60", START.minusSeconds(2)), START); // the same state again
        history.record("a", reading("20.00", START.minusSeconds(3)), START); // older than the last one
        history.record("b", Map.of("temperature", "19.5"), START);           // no timestamp: when it arrived

        assertThat(history.recent().get("a")).containsExactly(
                new TemperatureHistory.Point(START.minusSeconds(4).toEpochMilli(), 21.5),
                new TemperatureHistory.Point(START.minusSeconds(2).toEpochMilli(), 21.6));
        assertThat(history.recent().get("b")).containsExactly(new TemperatureHistory.Point(START.toEpochMilli(), 19.5));
    }

    @Test
    void ignoresStatesWithoutANumericTemperature() {
        history.record("a", Map.of("location", "greenhouse"), START);
        history.record("a", reading("warm", START), START);
        history.record("a", reading("NaN", START), START);

        assertThat(history.recent()).isEmpty();
    }

    @Test
    void forgetsReadingsOlderThanItsWindow() {
        history.record("a", reading("21.0", START), START);
        history.record("b", reading("22.0", START.plusSeconds(120)), START);

        clock.now = START.plus(TemperatureHistory.WINDOW).plus(Duration.ofSeconds(1));

        assertThat(history.recent()).containsOnlyKeys("b");
    }
}
