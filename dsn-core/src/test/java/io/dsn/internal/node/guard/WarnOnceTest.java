package io.dsn.internal.node.guard;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Warnings once per subject, and never more than a few a minute whatever the subjects. */
class WarnOnceTest {

    private final WarnOnce warnings = new WarnOnce(LoggerFactory.getLogger(WarnOnceTest.class));

    @Test
    void aSubjectWarnsOnceUntilItIsReset() {
        assertThat(warnings.warn("peer", "refused {}", "peer")).isTrue();
        assertThat(warnings.warn("peer", "refused {}", "peer")).isFalse();

        warnings.reset("peer");

        assertThat(warnings.warn("peer", "refused {}", "peer")).isTrue();
    }

    @Test
    void aNewSubjectAtEveryRequestGetsNoMoreThanTheWarningsOfAMinute() {
        long logged = IntStream.range(0, 3 * WarnOnce.MAX_PER_MINUTE)
                .filter(i -> warnings.warn("address-" + i, "refused {}", i))
                .count();

        assertThat(logged).isEqualTo(WarnOnce.MAX_PER_MINUTE);
        assertThat(warnings.warn("address-" + (3 * WarnOnce.MAX_PER_MINUTE - 1), "refused"))
                .as("still held back within the same minute").isFalse();
    }
}
