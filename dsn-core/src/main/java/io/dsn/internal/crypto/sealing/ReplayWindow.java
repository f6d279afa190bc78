package io.dsn.internal.crypto.sealing;

import io.dsn.internal.protocol.WireTime;

import java.time.Clock;
import java.time.Duration;
import java.util.TreeSet;

/**
 * The replay protection of the secure protocol (PROTOCOL.md section 8.4): a request is taken
 * only when its {@code sent_at} is within the clock-skew window of this node's clock and its
 * message id was not taken before.
 *
 * <p>Message ids are the messages' nonces, unique among all the messages sealed with a network
 * key, so one set serves every sender. It remembers each id with its {@code sent_at} until that
 * leaves the window, after which the window itself refuses the message. Bounded: past
 * {@link #MAX_REMEMBERED} ids, the oldest is forgotten and its {@code sent_at} becomes a floor
 * at or below which every message is refused as outside the window, so that a forgotten id can never be taken again (nor after
 * this node's clock stepped back). Only authentic messages are remembered: an outsider cannot
 * make it grow at all, and a key holder only up to the bound.
 */
public final class ReplayWindow {

    /** About 10 MB at most; at 2,000 requests a second, a minute's worth. */
    static final int MAX_REMEMBERED = 1 << 17;

    /** What became of a request. */
    enum Verdict { FRESH, REPLAYED, OUTSIDE_WINDOW }

    private record Seen(double sentAt, long high, int low) implements Comparable<Seen> {

        @Override
        public int compareTo(Seen other) {
            int bySentAt = Double.compare(sentAt, other.sentAt);
            if (bySentAt != 0) {
                return bySentAt;
            }
            int byHigh = Long.compare(high, other.high);
            return byHigh != 0 ? byHigh : Integer.compare(low, other.low);
        }
    }

    private final Clock clock;
    private final double skewSeconds;
    private final int capacity;
    private final TreeSet<Seen> seen = new TreeSet<>();
    /** Every message sent at or before this is refused: ids older than it were forgotten. */
    private double floor = Double.NEGATIVE_INFINITY;

    public ReplayWindow(Clock clock, Duration maxClockSkew) {
        this(clock, maxClockSkew, MAX_REMEMBERED);
    }

    ReplayWindow(Clock clock, Duration maxClockSkew, int capacity) {
        this.clock = clock;
        this.skewSeconds = WireTime.toSeconds(maxClockSkew);
        this.capacity = capacity;
    }

    /** Takes a request's id if it is fresh: within the window and never taken before. */
    synchronized Verdict admit(byte[] messageId, double sentAt) {
        double now = WireTime.now(clock);
        if (!(Math.abs(sentAt - now) <= skewSeconds)) {
            return Verdict.OUTSIDE_WINDOW;
        }
        forgetBefore(now - skewSeconds);
        if (sentAt <= floor) {
            // The window begins after the newest id it had to forget.
            return Verdict.OUTSIDE_WINDOW;
        }
        if (!seen.add(new Seen(sentAt, high(messageId), low(messageId)))) {
            return Verdict.REPLAYED;
        }
        if (seen.size() > capacity) {
            floor = seen.pollFirst().sentAt();
        }
        return Verdict.FRESH;
    }

    /** How many ids are remembered now. */
    synchronized int size() {
        return seen.size();
    }

    private void forgetBefore(double oldest) {
        while (!seen.isEmpty() && seen.first().sentAt() < oldest) {
            floor = Math.max(floor, seen.pollFirst().sentAt());
        }
    }

    private static long high(byte[] id) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (id[i] & 0xFFL);
        }
        return value;
    }

    private static int low(byte[] id) {
        return (id[8] & 0xFF) << 24 | (id[9] & 0xFF) << 16 | (id[10] & 0xFF) << 8 | (id[11] & 0xFF);
    }
}
