package io.dsn.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WireTimeTest {

    @Test
    void nowIsTheClocksTimeToTheMillisecond() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000, 123_456_789), ZoneOffset.UTC);

        assertThat(WireTime.now(clock)).isEqualTo(1_700_000_000.123);
    }

    @Test
    void aDurationIsItsSecondsWithTheirFraction() {
        assertThat(WireTime.toSeconds(Duration.ofMillis(1500))).isEqualTo(1.5);
    }

    @Test
    void anInstantAndItsSecondsConvertBothWays() {
        Instant instant = Instant.ofEpochSecond(1_700_000_000, 250_000_000);

        assertThat(WireTime.toInstant(WireTime.toSeconds(instant))).isEqualTo(instant);
    }
}
