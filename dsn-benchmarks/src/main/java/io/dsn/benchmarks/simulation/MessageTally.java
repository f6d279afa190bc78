package io.dsn.benchmarks.simulation;

import io.dsn.internal.protocol.MessageType;

import java.util.EnumMap;
import java.util.Map;

/**
 * Requests put on the simulated network, by message type: every attempt counts, retries too.
 * The simulation runs on one thread, so plain counters do.
 */
final class MessageTally {

    private final long[] byType = new long[MessageType.values().length];
    private long other;

    void count(String path) {
        MessageType.fromPath(path).ifPresentOrElse(type -> byType[type.ordinal()]++, () -> other++);
    }

    /** The counts now, by type (every type present). */
    Map<MessageType, Long> snapshot() {
        Map<MessageType, Long> counts = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            counts.put(type, byType[type.ordinal()]);
        }
        return counts;
    }

    long total() {
        long total = other;
        for (long count : byType) {
            total += count;
        }
        return total;
    }

    /** What was counted since {@code earlier} (a {@link #snapshot()}), by type. */
    Map<MessageType, Long> since(Map<MessageType, Long> earlier) {
        Map<MessageType, Long> counts = snapshot();
        counts.replaceAll((type, count) -> count - earlier.getOrDefault(type, 0L));
        return counts;
    }
}
