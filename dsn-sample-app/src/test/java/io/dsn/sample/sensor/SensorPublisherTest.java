package io.dsn.sample.sensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SensorPublisherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00.123456Z"), ZoneOffset.UTC);
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private SensorPublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop();
        }
    }

    @Test
    void aReadingIsTheTemperatureToHundredthsAndItsTimeToTheMillisecond() {
        publisher = new SensorPublisher("s", () -> 21.456, INTERVAL, Duration.ZERO, CLOCK, reading -> { });

        assertThat(publisher.read()).isEqualTo(new Reading(21.46, Instant.parse("2026-11-25T10:00:00.123Z")));
    }

    @Test
    void aSourceThatGivesNoNumberPublishesNothingAndTheSensorGoesOn() {
        List<Reading> published = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        publisher = new SensorPublisher("s", () -> reads.incrementAndGet() == 1 ? Double.NaN : 20.0, INTERVAL,
                Duration.ZERO, CLOCK, published::add);

        publisher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() >= 2);
        assertThat(published).extracting(Reading::celsius).containsOnly(20.0);
    }

    @Test
    void publishesAReadingEveryIntervalUntilStopped() {
        List<Reading> published = new CopyOnWriteArrayList<>();
        publisher = new SensorPublisher("s", () -> 20.0, INTERVAL, Duration.ZERO, CLOCK, published::add);

        publisher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() >= 3);
        assertThat(published).allSatisfy(reading -> assertThat(reading).isEqualTo(new Reading(20.0, CLOCK.instant()
                .truncatedTo(ChronoUnit.MILLIS))));

        publisher.stop();
        assertThat(publisher.isRunning()).isFalse();
        int afterStop = published.size();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> published.size() == afterStop);
    }

    @Test
    void aFailedPublicationDoesNotEndTheSensor() {
        AtomicInteger attempts = new AtomicInteger();
        publisher = new SensorPublisher("s", () -> 20.0, INTERVAL, Duration.ZERO, CLOCK, reading -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("node not ready");
            }
        });

        publisher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new SensorPublisher("s", () -> 20.0, Duration.ZERO, Duration.ZERO, CLOCK, r -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval");
    }
}
