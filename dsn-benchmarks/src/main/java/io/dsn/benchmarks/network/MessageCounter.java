package io.dsn.benchmarks.network;

import io.dsn.DSNMetrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts the messages every node of a cluster sent and served, by type, through {@link DSNMetrics}. */
public final class MessageCounter implements DSNMetrics {

    /** Counts at one moment; subtract two to get what happened in between. */
    public record Snapshot(Map<Message, Long> sent, Map<Message, Long> sentNotOk, long received, long dropped) {

        public long sentTotal() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sentNotOkTotal() {
            return sentNotOk.values().stream().mapToLong(Long::longValue).sum();
        }

        public long sent(Message message) {
            return sent.getOrDefault(message, 0L);
        }

        public Snapshot minus(Snapshot earlier) {
            Map<Message, Long> s = new EnumMap<>(Message.class);
            Map<Message, Long> f = new EnumMap<>(Message.class);
            for (Message message : Message.values()) {
                s.put(message, sent.getOrDefault(message, 0L) - earlier.sent.getOrDefault(message, 0L));
                f.put(message, sentNotOk.getOrDefault(message, 0L) - earlier.sentNotOk.getOrDefault(message, 0L));
            }
            return new Snapshot(s, f, received - earlier.received, dropped - earlier.dropped);
        }
    }

    private final Map<Message, LongAdder> sent = new EnumMap<>(Message.class);
    private final Map<Message, LongAdder> sentNotOk = new EnumMap<>(Message.class);
    private final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public MessageCounter() {
        for (Message message : Message.values()) {
            sent.put(message, new LongAdder());
            sentNotOk.put(message, new LongAdder());
        }
    }

    @Override
    public void messageSent(Message message, Outcome outcome, long nanos) {
        sent.get(message).increment();
        if (outcome != Outcome.SUCCESS) {
            sentNotOk.get(message).increment();
        }
    }

    @Override
    public void messageReceived(Message message, int status, long nanos) {
        received.increment();
    }

    @Override
    public void peerDropped() {
        dropped.increment();
    }

    public Snapshot snapshot() {
        Map<Message, Long> s = new EnumMap<>(Message.class);
        Map<Message, Long> f = new EnumMap<>(Message.class);
        for (Message message : Message.values()) {
            s.put(message, sent.get(message).sum());
            f.put(message, sentNotOk.get(message).sum());
        }
        return new Snapshot(s, f, received.sum(), dropped.sum());
    }
}
