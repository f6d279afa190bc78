package io.dsn.sample.node;

import io.dsn.DSNode;
import io.dsn.Endpoint;
import io.dsn.PeerInfo;
import io.dsn.PeerStateChanged;
import io.dsn.sample.sensor.Reading;
import io.dsn.spring.values.DSNValues;
import io.dsn.spring.values.DSNValuesChanged;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class NodeReadingsTest {

    private static final Instant STATE_TIME = Instant.parse("2026-11-25T10:00:05Z");
    private static final Instant TAKEN_AT = Instant.parse("2026-11-25T10:00:00.123Z");

    private final DSNode node = mock(DSNode.class);
    private final List<Object> published = new ArrayList<>();
    private final DSNValues values = new DSNValues(node, JsonMapper.builder().build(), published::add);
    private final NodeReadings readings = new NodeReadings(node, values);

    /** What a peer's new state looks like to a listener of {@link DSNValuesChanged}. */
    private DSNValuesChanged peerPublished(Map<String, String> state) {
        published.clear();
        values.onEvent(new PeerStateChanged("peer", Map.of(), state, state.keySet(), STATE_TIME));
        return (DSNValuesChanged) published.get(0);
    }

    /** The node as this node knows it, with {@code state} as its latest state. */
    private PeerInfo known(Map<String, String> state) {
        PeerInfo info = new PeerInfo("peer", new Endpoint("127.0.0.1", 8001), state, STATE_TIME, Optional.of(STATE_TIME));
        when(node.peerInfo("peer")).thenReturn(Optional.of(info));
        when(node.readData(any(), anyString())).thenAnswer(call -> Optional.ofNullable(state.get(call.<String>getArgument(1))));
        return info;
    }

    @Test
    void aTypedReadingIsReadFromItsJson() {
        Map<String, String> state = Map.of(Reading.KEY, values.write(new Reading(21.46, TAKEN_AT)));

        assertThat(state.get(Reading.KEY)).isEqualTo("{\"celsius\":21.46,\"takenAt\":\"2026-11-25T10:00:00.123Z\"}");
        assertThat(readings.of(peerPublished(state))).contains(new Reading(21.46, TAKEN_AT));
        assertThat(readings.of(known(state))).contains(new Reading(21.46, TAKEN_AT));
        assertThat(readings.latest("peer")).contains(new Reading(21.46, TAKEN_AT));
    }

    @Test
    void plainStringsAsAPythonPeerPublishesThemAreAReadingToo() {
        Map<String, String> withTime = Map.of(NodeReadings.TEMPERATURE, " 21.5 ", NodeReadings.TIMESTAMP, TAKEN_AT.toString());
        Map<String, String> withoutTime = Map.of(NodeReadings.TEMPERATURE, "19");

        assertThat(readings.of(peerPublished(withTime))).contains(new Reading(21.5, TAKEN_AT));
        assertThat(readings.of(known(withTime))).contains(new Reading(21.5, TAKEN_AT));
        assertThat(readings.of(peerPublished(withoutTime))).contains(new Reading(19.0, STATE_TIME));
        assertThat(readings.of(known(withoutTime))).contains(new Reading(19.0, STATE_TIME));
    }

    @Test
    void theTypedReadingComesFirstAndOneOfAnotherFormatLeavesThePlainKeys() {
        Map<String, String> both = Map.of(Reading.KEY, values.write(new Reading(21.46, TAKEN_AT)), NodeReadings.TEMPERATURE, "30");
        Map<String, String> notAReading = Map.of(Reading.KEY, "21.5", NodeReadings.TEMPERATURE, "30");

        assertThat(readings.of(peerPublished(both))).contains(new Reading(21.46, TAKEN_AT));
        assertThat(readings.of(known(both))).contains(new Reading(21.46, TAKEN_AT));
        assertThat(readings.of(peerPublished(notAReading))).contains(new Reading(30.0, STATE_TIME));
        assertThat(readings.of(known(notAReading))).contains(new Reading(30.0, STATE_TIME));
    }

    @Test
    void aTypedReadingWithoutItsTimeTakesTheTimeOfItsState() {
        Map<String, String> state = Map.of(Reading.KEY, "{\"celsius\":20.5}");

        assertThat(readings.of(peerPublished(state))).contains(new Reading(20.5, STATE_TIME));
        assertThat(readings.of(known(state))).contains(new Reading(20.5, STATE_TIME));
    }

    @Test
    void noReadingWithoutANumericTemperature() {
        for (Map<String, String> state : List.of(
                Map.<String, String>of(),
                Map.of("location", "greenhouse"),
                Map.of(NodeReadings.TEMPERATURE, "warm"),
                Map.of(NodeReadings.TEMPERATURE, "NaN"),
                Map.of(NodeReadings.TEMPERATURE, "Infinity"),
                Map.of(Reading.KEY, "{\"takenAt\":\"2026-11-25T10:00:00Z\"}"),
                Map.of(Reading.KEY, "not json"))) {
            assertThat(readings.of(peerPublished(state))).as("%s", state).isEmpty();
            assertThat(readings.of(known(state))).as("%s", state).isEmpty();
        }
        assertThat(readings.latest("nobody")).isEmpty();
    }

    @Test
    void tellsTheKeysAReadingIsMadeOf() {
        assertThat(NodeReadings.concernReading(Set.of("location", Reading.KEY))).isTrue();
        assertThat(NodeReadings.concernReading(Set.of(NodeReadings.TEMPERATURE))).isTrue();
        assertThat(NodeReadings.concernReading(Set.of(NodeReadings.TIMESTAMP))).isTrue();
        assertThat(NodeReadings.concernReading(Set.of("location"))).isFalse();
    }
}
