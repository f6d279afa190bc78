package io.dsn.internal.node.joining;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IntroductionBackoffTest {

    private static final Duration TICK = Duration.ofSeconds(3);

    private final AtomicLong now = new AtomicLong();
    private final IntroductionBackoff backoff = new IntroductionBackoff(TICK, now::get, new Random(5));

    @Test
    void aNodeNeverFailedMayBeTriedAndOneMetIsForgotten() {
        assertThat(backoff.mayTry("a")).isTrue();
        backoff.failed("a");
        assertThat(backoff.mayTry("a")).isFalse();
        backoff.met("a");
        assertThat(backoff.mayTry("a")).isTrue();
    }

    @Test
    void eachFailureDoublesTheWaitWithJitterUpToTheLimit() {
        for (int failures = 1; failures <= 10; failures++) {
            backoff.failed("a");
            long ticks = Math.min(IntroductionBackoff.MAX_TICKS, 1L << (failures - 1));
            advance(TICK.multipliedBy(ticks).dividedBy(2).minusMillis(1));
            assertThat(backoff.mayTry("a")).as("before half the wait, after failure " + failures).isFalse();
            advance(TICK.multipliedBy(ticks).plusMillis(2));
            assertThat(backoff.mayTry("a")).as("after one and a half times the wait, after failure " + failures).isTrue();
        }
    }

    @Test
    void nodesThatFailedTogetherAreNotAllTriedAgainTogether() {
        for (int i = 0; i < 20; i++) {
            backoff.failed("n" + i);
        }
        advance(TICK);
        long mayTry = java.util.stream.IntStream.range(0, 20).filter(i -> backoff.mayTry("n" + i)).count();
        assertThat(mayTry).as("about half after one tick").isBetween(3L, 17L);
    }

    @Test
    void atMostSoManyNodesAreRememberedTheOldestFailureForgottenFirst() {
        for (int i = 0; i <= IntroductionBackoff.MAX_NODES; i++) {
            backoff.failed("n" + i);
        }
        assertThat(backoff.mayTry("n0")).as("forgotten").isTrue();
        assertThat(backoff.mayTry("n1")).isFalse();
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
