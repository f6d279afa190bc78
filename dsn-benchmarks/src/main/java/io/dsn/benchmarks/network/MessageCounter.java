package io.dsn.benchmarks.network;

import io.dsn.DSNMetrics;
import io.dsn.MessageType;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts the messages every node of a cluster sent and served, by type, through {@link DSNMetrics}. */
public final class MessageCounter implements DSNMetrics {

    /** Counts at one moment; subtract two to get what happened in between. */
    public record Snapshot(Map<MessageType, Long> sent, Map<MessageType, Long> sentNotOk, long received, long dropped) {

        public long sentTotal() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sentNotOkTotal() {
            return sentNotOk.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sent(MessageType type) {
            return sent.getOrDefault(type, 0L);
        }

        public Snapshot minus(Snapshot earlier) {
            Map<MessageType, Long> s = new EnumMap<>(MessageType.class);
            Map<MessageType, Long> f = new EnumMap<>(MessageType.class);
            for (MessageType type : MessageType.values()) {
                s.put(type, sent.getOrDefault(type, 0L) - earlier.sent.getOrDefault(type, 0L));
                f.put(type, sentNotOk.getOrDefault(type, 0L) - earlier.sentNotOk.getOrDefault(type, 0L));
            }
            return new Snapshot(s, f, received - earlier.received, dropped - earlier.dropped);
        }
    }

    private final Map<MessageType, LongAdder> sent = new EnumMap<>(MessageType.class);
    private final Map<MessageType, LongAdder> sentNotOk = new EnumMap<>(MessageType.class);
    private final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public MessageCounter() {
        for (MessageType type : MessageType.values()) {
            sent.put(type, new LongAdder());
            sentNotOk.put(type, new LongAdder());
        }
    }

    @Override
    public void messageSent(MessageType type, Outcome outcome, long nanos) {
        sent.get(type).increment();
        if (outcome != Outcome.SUCCESS) {
            sentNotOk.get(type).increment();
        }
    }

    @Override
    public void messageReceived(MessageType type, int status, long nanos) {
        received.increment();
    }

    @Override
    public void peerDropped() {
        dropped.increment();
    }

    public Snapshot snapshot() {
        Map<MessageType, Long> s = new EnumMap<>(MessageType.class);
        Map<MessageType, Long> f = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            s.put(type, sent.get(type).sum());
            f.put(type, sentNotOk.get(type).sum());
        }
        return new Snapshot(s, f, received.sum(), dropped.sum());
    }
}
