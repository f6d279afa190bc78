package io.dsn.sample.sensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
    void aReadingIsTheTemperatureAndItsTimestampTogether() {
        publisher = new SensorPublisher("s", () -> 21.456, INTERVAL, Duration.ZERO, CLOCK, reading -> { });

        assertThat(publisher.read()).containsExactly(
                Map.entry(SensorPublisher.TEMPERATURE, "21.46"),
                Map.entry(SensorPublisher.TIMESTAMP, "2026-11-25T10:00:00.123Z"));
    }

    @Test
    void publishesEveryReadingAsOneUpdateUntilStopped() {
        List<Map<String, String>> published = new CopyOnWriteArrayList<>();
        publisher = new SensorPublisher("s", () -> 20.0, INTERVAL, Duration.ZERO, CLOCK, published::add);

        publisher.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() >= 3);
        assertThat(published).allSatisfy(reading ->
                assertThat(reading).containsOnlyKeys(SensorPublisher.TEMPERATURE, SensorPublisher.TIMESTAMP));

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
