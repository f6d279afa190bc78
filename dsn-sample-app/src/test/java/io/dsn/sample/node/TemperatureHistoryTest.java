package io.dsn.sample.node;

import io.dsn.DSNode;
import io.dsn.PeerStateChanged;
import io.dsn.sample.sensor.Reading;
import io.dsn.spring.values.DSNValues;
import io.dsn.spring.values.DSNValuesChanged;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final TemperatureHistory history = new TemperatureHistory(mock(NodeReadings.class), clock);

    @Test
    void keepsEachNodesReadingsInOrderAtTheTimesTheyWereTaken() {
        history.record("a", new Reading(21.5, START.minusSeconds(4)));
        history.record("a", new Reading(21.6, START.minusSeconds(2)));
        history.record("a", new Reading(21.6, START.minusSeconds(2))); // the same reading again
        history.record("a", new Reading(20.0, START.minusSeconds(3))); // older than the last one
        history.record("b", new Reading(19.5, START));

        assertThat(history.recent().get("a")).containsExactly(
                new TemperatureHistory.Point(START.minusSeconds(4).toEpochMilli(), 21.5),
                new TemperatureHistory.Point(START.minusSeconds(2).toEpochMilli(), 21.6));
        assertThat(history.recent().get("b")).containsExactly(new TemperatureHistory.Point(START.toEpochMilli(), 19.5));
    }

    @Test
    void leavesOutReadingsTakenOutsideTheWindowAroundNow() {
        history.record("past", new Reading(21.0, START.minus(TemperatureHistory.WINDOW).minusSeconds(1)));
        history.record("future", new Reading(21.0, START.plus(TemperatureHistory.WINDOW).plusSeconds(1)));
        history.record("far-future", new Reading(21.0, Instant.MAX)); // no epoch milliseconds for it

        assertThat(history.recent()).isEmpty();
    }

    @Test
    void recordsAPeersReadingsFromItsStateChangesThatConcernThem() {
        DSNode node = mock(DSNode.class);
        List<Object> events = new ArrayList<>();
        DSNValues values = new DSNValues(node, JsonMapper.builder().build(), events::add);
        TemperatureHistory fromEvents = new TemperatureHistory(new NodeReadings(node, values), clock);
        Map<String, String> typed = Map.of(Reading.KEY, values.write(new Reading(21.5, START.minusSeconds(3))));
        Map<String, String> plain = Map.of(NodeReadings.TEMPERATURE, "30");    // no time: its state's
        Map<String, String> located = Map.of(NodeReadings.TEMPERATURE, "30", "location", "greenhouse");

        values.onEvent(new PeerStateChanged("a", Map.of(), typed, Set.of(Reading.KEY), START.minusSeconds(3)));
        values.onEvent(new PeerStateChanged("a", typed, plain, Set.of(Reading.KEY, NodeReadings.TEMPERATURE), START.minusSeconds(2)));
        values.onEvent(new PeerStateChanged("a", plain, located, Set.of("location"), START.minusSeconds(1)));
        events.forEach(event -> fromEvents.on((DSNValuesChanged) event));

        assertThat(fromEvents.recent()).containsExactly(Map.entry("a", List.of(
                new TemperatureHistory.Point(START.minusSeconds(3).toEpochMilli(), 21.5),
                new TemperatureHistory.Point(START.minusSeconds(2).toEpochMilli(), 30.0))));
    }

    @Test
    void forgetsReadingsOlderThanItsWindow() {
        history.record("a", new Reading(21.0, START));
        history.record("b", new Reading(22.0, START.plusSeconds(120)));

        clock.now = START.plus(TemperatureHistory.WINDOW).plus(Duration.ofSeconds(1));

        assertThat(history.recent()).containsOnlyKeys("b");
    }
}
